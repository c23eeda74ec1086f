"""check(), Index and frame() give what the command line gives."""

import json

import pytest

import vanban

from conftest import run_cli


def test_check_equals_the_command_line(corpus):
    cli = json.loads(run_cli("check", corpus, "--json").stdout)
    assert vanban.check(corpus) == cli
    assert cli, "the corpus has findings"
    every = vanban.check(corpus, all=True)
    assert len(every) >= len(cli)


def test_check_against_an_index(corpus, index):
    cli = json.loads(run_cli("check", corpus, "--index", index, "--json").stdout)
    assert vanban.check(corpus, index=index) == cli


def test_index_len_and_search(index, corpus):
    idx = vanban.Index(index)
    assert len(idx) == len(vanban.files(corpus))
    cli = json.loads(run_cli("search", "chuyen doi so", "--index", index, "--kind", "report", "--json").stdout)
    mine = idx.search("chuyen doi so", kind="report")
    assert mine == cli
    assert mine["hits"] and all(h["kind"] == "report" for h in mine["hits"])
    assert idx.search("", limit=3)["total"] == len(idx)
    # A document number puts its document first.
    number = mine["hits"][-1]["number"]
    if number:
        assert idx.search(number)["hits"][0]["number"] == number


def test_cites_refs_and_indicators(index):
    idx = vanban.Index(index)
    cli = json.loads(run_cli("cites", "942/qd-ttg", "--index", index, "--json").stdout)
    assert idx.cites("942/QĐ-TTg") == cli
    assert cli["documents"] >= 1
    doc = cli["groups"][0]["citations"][0]["path"]
    refs = idx.refs(doc)
    assert refs == json.loads(run_cli("refs", doc, "--index", index, "--json").stdout)
    assert any(r["id"].lower() == "942/qđ-ttg" for r in refs["references"])
    ind = idx.indicators()
    assert ind == json.loads(run_cli("indicators", "--index", index, "--json").stdout)


def test_a_bad_query_is_searched_not_refused(index):
    idx = vanban.Index(index)
    assert idx.search('"chuyen doi so')["total"] >= 1


def test_frames(corpus):
    pd = pytest.importorskip("pandas")
    docs = list(vanban.extract_many(corpus))
    results = vanban.frame(docs, "results")
    assert isinstance(results, pd.DataFrame)
    assert len(results) == sum(len(d["results"]) for d in docs) > 0
    assert list(results.columns[:5]) == ["path", "number", "kind", "place", "date"]
    assert {"indicator", "stated_percent", "line", "result_kind"} <= set(results.columns)
    one = next(d for d in docs if d["targets"])
    targets = vanban.frame(one, "targets")
    assert len(targets) == len(one["targets"])
    assert (targets["path"] == one["source"]["path"]).all()
    assert targets["comparator"].tolist() == [t["comparator"] for t in one["targets"]]
    refs = vanban.frame(docs, "references")
    assert len(refs) == sum(len(d["references"]) for d in docs)
    findings = vanban.frame(vanban.check(corpus), "findings")
    assert list(findings.columns) == ["path", "line", "severity", "kind", "message"]
    empty = vanban.frame([], "results")
    assert len(empty) == 0 and "path" in empty.columns
