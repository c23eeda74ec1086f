"""Encoders for the two legacy Vietnamese font encodings, written from their published code
charts (TCVN 5712:1993 table VN3 for TCVN3/ABC; the VNI-Windows keyboard-font chart), so that
test files made with them do not depend on vanban's own tables.

TCVN3 gives every small vowel-with-marks one byte; capitals with a tone mark have no byte of
their own (they are drawn by the same bytes in the capital font, .VnTimeH), so they are written
with the small letter's byte. VNI writes a base letter followed by one byte carrying its marks
(a small-letter and a capital set), with single bytes for đ, ư, ơ, the toned i's and ỵ.
Characters outside both charts are written in Windows-1252 (– “ ” …), as the fonts draw them.
"""
import unicodedata

# Tone order used by both charts' rows: huyền (grave), hỏi (hook), ngã (tilde), sắc (acute),
# nặng (dot below).
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]

# TCVN3 (VN3) chart: each vowel's untoned byte (None: plain ASCII) and its five toned bytes
# in TONES order.
TCVN3_ROWS = {
    "a": (None, [0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
    "ă": (0xA8, [0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
    "â": (0xA9, [0xC7, 0xC8, 0xC9, 0xCA, 0xCB]),
    "e": (None, [0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
    "ê": (0xAA, [0xD2, 0xD3, 0xD4, 0xD5, 0xD6]),
    "i": (None, [0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
    "o": (None, [0xDF, 0xE1, 0xE2, 0xE3, 0xE4]),
    "ô": (0xAB, [0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
    "ơ": (0xAC, [0xEA, 0xEB, 0xEC, 0xED, 0xEE]),
    "u": (None, [0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
    "ư": (0xAD, [0xF5, 0xF6, 0xF7, 0xF8, 0xF9]),
    "y": (None, [0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
TCVN3_D = 0xAE  # đ

# VNI-Windows chart: the byte after a small base letter for each mark combination; a capital
# base takes the byte 0x20 lower.
VNI_MARKS = {
    "\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF,
    "\u0302": 0xE2,
    "\u0302\u0301": 0xE1, "\u0302\u0300": 0xE0, "\u0302\u0309": 0xE5, "\u0302\u0303": 0xE3,
    "\u0302\u0323": 0xE4,
    "\u0306": 0xEA,
    "\u0306\u0301": 0xE9, "\u0306\u0300": 0xE8, "\u0306\u0309": 0xFA, "\u0306\u0303": 0xFC,
    "\u0306\u0323": 0xEB,
}
# Letters VNI writes as one byte (small; the capital is 0x20 lower).
VNI_SINGLE = {"đ": 0xF1, "ư": 0xF6, "ơ": 0xF4, "í": 0xED, "ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3,
              "ị": 0xF2, "ỵ": 0xEE}


def _cp1252(ch):
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return b"?"


def _split(ch):
    """Base letter (with its horn kept, as ư/ơ are letters of their own) and the other marks,
    shape marks before the tone mark."""
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if "\u031B" in marks:
        base = unicodedata.normalize("NFC", base + "\u031B")
        marks = marks.replace("\u031B", "")
    tone = "".join(m for m in marks if m in TONES)
    shape = "".join(m for m in marks if m not in TONES)
    return base, shape, tone


def encode_tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        if ch in TCVN3_CAPITALS:
            out.append(TCVN3_CAPITALS[ch])
            continue
        small = ch.lower()
        if small == "đ":
            out.append(TCVN3_D)
            continue
        base, shape, tone = _split(small)
        letter = unicodedata.normalize("NFC", base + shape)
        row = TCVN3_ROWS.get(letter)
        if row is None:
            out += _cp1252(ch)
        elif tone:
            out.append(row[1][TONES.index(tone)])
        elif ch.isupper() and letter.upper() in TCVN3_CAPITALS:
            out.append(TCVN3_CAPITALS[letter.upper()])
        elif row[0] is not None:
            out.append(row[0])
        else:
            out += _cp1252(ch)
    return bytes(out)


def encode_vni(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        small = ch.lower()
        capital = small != ch
        if small in VNI_SINGLE:
            out.append(VNI_SINGLE[small] - (0x20 if capital else 0))
            continue
        base, shape, tone = _split(ch)
        if base.lower() in ("ư", "ơ"):
            out.append(VNI_SINGLE[base.lower()] - (0x20 if base.isupper() else 0))
        elif base.isascii() and base.isalpha() and (shape or tone):
            out.append(ord(base))
        else:
            out += _cp1252(ch)
            continue
        marks = shape + tone
        if marks:
            out.append(VNI_MARKS[marks] - (0x20 if base.isupper() else 0))
    return bytes(out)
