"""vanban.extract and extract_many give exactly what `vanban extract` prints."""

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import vanban

from conftest import run_cli


def test_version_and_schema():
    assert vanban.__version__.count(".") == 2
    assert vanban.SCHEMA == 2


def test_extract_equals_the_command_line_for_every_corpus_file(corpus, cli_extracts):
    files = vanban.files(corpus)
    assert len(files) == len(cli_extracts) > 40
    for path in files:
        assert vanban.extract(path) == cli_extracts[path], path


def test_extract_many_keeps_file_order_and_equals_extract(corpus, cli_extracts):
    files = vanban.files(corpus)
    many = list(vanban.extract_many(corpus, workers=2))
    assert [d["source"]["path"] for d in many] == files
    assert many == [cli_extracts[p] for p in files]
    # One worker gives the same documents.
    assert list(vanban.extract_many(files[:5], workers=1)) == many[:5]


def test_extract_of_bytes_reads_like_the_file(corpus):
    path = corpus / "bao-cao-9-thang-2024-so-tttt.docx"
    from_file = vanban.extract(path)
    from_bytes = vanban.extract(path.read_bytes(), name="bao-cao.docx")
    assert from_bytes["source"]["path"] == "bao-cao.docx"
    from_bytes["source"]["path"] = from_file["source"]["path"]
    assert from_bytes == from_file
    assert from_file["meta"]["number"]


def test_text_and_read(corpus):
    path = corpus / "quyet-dinh-quy-che-ban-chi-dao.txt"
    cli = run_cli("text", path).stdout
    assert vanban.text(path) == cli
    info = vanban.read(path)
    assert info["format"] == "txt"
    assert info["text"] == cli
    assert info["bytes"] == path.stat().st_size
    assert len(info["sha256"]) == 64
    assert info["signatures"] == [] and info["pages"] is None
    pdfs = sorted(corpus.glob("*.pdf"))
    assert pdfs, "the corpus holds PDFs"
    pdf = vanban.read(pdfs[0])
    assert pdf["format"] == "pdf" and pdf["pages"] >= 1


def test_threads_share_one_extractor(corpus, cli_extracts):
    files = vanban.files(corpus)
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(vanban.extract, files))
    assert got == [cli_extracts[p] for p in files]


def test_extraction_releases_the_interpreter(corpus):
    # With a switch interval of 100 s, a thread that wants the interpreter gets it only when
    # the holder gives it up itself. A counter thread that sleeps between counts therefore
    # counts during a native call only if that call released the interpreter.
    big = b"".join(p.read_bytes() for p in sorted(corpus.glob("*.txt"))) * 4
    ticks = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks[0] += 1
            time.sleep(0.0002)

    old = sys.getswitchinterval()
    sys.setswitchinterval(100)
    t = threading.Thread(target=count)
    t.start()
    try:
        before = ticks[0]
        facts = vanban.extract(big, name="big.txt")
        during = ticks[0] - before
    finally:
        stop.set()
        t.join()
        sys.setswitchinterval(old)
    assert facts["results"]
    assert during >= 20, f"the counter thread ran {during} times during extract()"


def test_stopping_early_stops_cleanly(corpus):
    it = vanban.extract_many(corpus, workers=2)
    first = next(it)
    it.close()
    assert first["schema"] == 2
    # A new run after an abandoned one still gives everything.
    assert len(list(vanban.extract_many(corpus))) == len(vanban.files(corpus))


def test_rules_folder_is_used(tmp_path, corpus):
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(corpus.parent / "rules", rules)
    path = corpus / "quyet-dinh-quy-che-ban-chi-dao.txt"
    assert vanban.extract(path, rules=rules) == vanban.extract(path)


def test_export_lines_equal_vanban_export(tmp_path, corpus, index):
    out = tmp_path / "export"
    run_cli("export", "--index", index, "--out", out, "--format", "ndjson")
    exported = {}
    for f in sorted(out.iterdir()):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            exported[rec["_id"]] = rec
    seen = 0
    for rec, lines in vanban.extract_export(corpus, format="ndjson"):
        mine = json.loads(lines)
        assert mine == exported[mine["_id"]], rec["source"]["path"]
        seen += 1
    assert seen == len(exported)
    # The bulk form: an action line, then the same record.
    rec, lines = next(vanban.extract_export(corpus, index_name="reports"))
    action, doc = [json.loads(line) for line in lines.splitlines()]
    assert action["index"]["_index"] == "reports"
    assert exported[action["index"]["_id"]]["text"] == doc["text"]
