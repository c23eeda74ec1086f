"""Bad input raises vanban's exceptions with the command line's message, never a crash."""

import json
import pickle
import warnings

import pytest

import vanban

from conftest import run_cli


def test_missing_file_is_a_read_error_naming_it(tmp_path):
    missing = tmp_path / "khong-co.pdf"
    with pytest.raises(vanban.ReadError) as e:
        vanban.extract(missing)
    assert e.value.path == str(missing)
    assert "No such file" in e.value.reason
    assert str(e.value) == f"{missing}: {e.value.reason}"
    assert isinstance(e.value, vanban.VanbanError)


def test_same_message_as_the_command_line(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    with pytest.raises(vanban.ReadError) as e:
        vanban.extract(bad)
    cli = run_cli("extract", bad, check=False)
    assert cli.returncode == 1
    assert e.value.reason in cli.stderr
    assert e.value.reason


def test_damaged_docx_and_binary_text(tmp_path, corpus):
    whole = (corpus / "bao-cao-9-thang-2024-so-tttt.docx").read_bytes()
    docx = tmp_path / "cut.docx"
    docx.write_bytes(whole[: len(whole) // 2])  # a download cut off half way
    with pytest.raises(vanban.ReadError) as e:
        vanban.extract(docx)
    assert e.value.path == str(docx)
    with pytest.raises(vanban.ReadError):
        vanban.extract(bytes(range(256)) * 50, name="rac.txt")


def test_a_limit_says_which_argument_to_raise(corpus):
    path = corpus / "quyet-dinh-quy-che-ban-chi-dao.txt"
    with pytest.raises(vanban.ReadError) as e:
        vanban.extract(path, max_file_size=10)
    assert "max_file_size=" in e.value.reason
    assert "--max-file-size" not in e.value.reason


def test_bad_arguments():
    with pytest.raises(ValueError, match="ocr"):
        vanban.extract(b"x", ocr="sometimes")
    with pytest.raises(ValueError, match="time_budget"):
        vanban.extract(b"x", time_budget=-1)
    with pytest.raises(TypeError, match="PathLike"):
        vanban.extract(12)
    with pytest.raises(ValueError, match="errors"):
        list(vanban.extract_many(".", errors="maybe"))
    with pytest.raises(ValueError, match="workers"):
        list(vanban.extract_many(".", workers=0))
    with pytest.raises(ValueError, match="table"):
        vanban.frame([], "nope")


def test_bad_rules_folder(tmp_path):
    (tmp_path / "units.toml").write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(vanban.RulesError) as e:
        vanban.extract(b"x", rules=tmp_path)
    assert e.value.path == str(tmp_path)
    with pytest.raises(vanban.RulesError):
        vanban.extract(b"x", rules=tmp_path / "missing")


def test_missing_index(tmp_path):
    with pytest.raises(vanban.IndexError) as e:
        vanban.Index(tmp_path / "none")
    assert "no index" in str(e.value)
    assert not isinstance(e.value, IndexError)  # the built-in one: not a sequence's error


def test_errors_modes_of_extract_many(tmp_path, corpus):
    good = corpus / "quyet-dinh-quy-che-ban-chi-dao.txt"
    bad = tmp_path / "trong.txt"
    bad.write_bytes(b"")
    paths = [bad, good]
    with pytest.raises(vanban.ReadError) as e:
        list(vanban.extract_many(paths))
    assert e.value.path == str(bad)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        docs = list(vanban.extract_many(paths, errors="warn"))
    assert [d["meta"]["number"] for d in docs] == ["1520/QĐ-UBND"]
    assert any(issubclass(x.category, vanban.VanbanWarning) and str(bad) in str(x.message) for x in w)
    assert len(list(vanban.extract_many(paths, errors="ignore"))) == 1


def test_errors_cross_processes():
    e = vanban.ReadError("a.pdf: hỏng", "a.pdf", "hỏng")
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), str(back), back.path, back.reason) == (vanban.ReadError, "a.pdf: hỏng", "a.pdf", "hỏng")


def test_every_broken_fixture_gives_the_command_lines_message(corpus):
    bad = corpus.parent / "tests" / "data" / "bad"
    files = sorted(p for p in bad.iterdir() if p.is_file())
    assert len(files) >= 10
    raised = 0
    for path in files:
        cli = run_cli("extract", "--ocr", "never", path, check=False)
        try:
            facts = vanban.extract(path, ocr="never")
        except vanban.ReadError as e:
            raised += 1
            assert cli.returncode == 1, path
            assert e.path == str(path)
            # The same message, but for the advice: a keyword here, a flag there.
            said = cli.stderr.strip().removeprefix("vanban: ")
            assert said.split("; ")[0] == str(e).split("; ")[0], path
        else:
            assert cli.returncode == 0, path
            assert facts == json.loads(cli.stdout), path
    assert raised >= 8
