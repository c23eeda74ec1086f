#!/usr/bin/env python3
"""Writes the legacy-encoded copies of two corpus documents that tests/encodings.rs decodes,
each made by an encoder other than vanban's:

  *.iconv-windows-1258.txt   glibc iconv -f UTF-8 -t WINDOWS-1258
  *.python-cp1258.txt        Python's cp1258 codec (toned letters it has no byte for are
                             written as letter + combining tone, as Windows does)
  *.tcvn3.txt, *.vni.txt     vn_legacy.py, written from the published code charts

Run from the project root: python3 tests/data/encodings/make_encodings.py
"""
import os
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vn_legacy import TONES, encode_tcvn3, encode_vni  # noqa: E402

SOURCES = ["quyet-dinh-quy-che-ban-chi-dao", "ke-hoach-cds-2024-xa-my-hoa"]
OUT = "tests/data/encodings"


def python_cp1258(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in nfd if m in TONES)
        letter = unicodedata.normalize("NFC", "".join(m for m in nfd if m not in TONES))
        out += (letter + tone).encode("cp1258")
    return bytes(out)


for name in SOURCES:
    src = f"corpus/{name}.txt"
    text = open(src, encoding="utf-8").read()
    iconv = subprocess.run(["iconv", "-f", "UTF-8", "-t", "WINDOWS-1258", src],
                           check=True, capture_output=True).stdout
    for suffix, data in [("iconv-windows-1258", iconv), ("python-cp1258", python_cp1258(text)),
                         ("tcvn3", encode_tcvn3(text)), ("vni", encode_vni(text))]:
        with open(f"{OUT}/{name}.{suffix}.txt", "wb") as f:
            f.write(data)
