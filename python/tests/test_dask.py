"""examples/dask_extract.py on a local cluster of two worker processes: the Parquet tables
hold what `vanban extract` gives for the same files."""

import importlib.util
import json

import pytest

from conftest import ROOT

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
distributed = pytest.importorskip("dask.distributed")


def load_example():
    spec = importlib.util.spec_from_file_location("dask_extract", ROOT / "examples" / "dask_extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_two_workers_write_what_extract_gives(tmp_path, corpus, cli_extracts):
    ex = load_example()
    out = tmp_path / "out"
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            # Small parts, so both workers get several.
            totals = ex.run([str(corpus)], str(out), client, partition_size=8)
    finally:
        cluster.close()
    docs = list(cli_extracts.values())
    assert totals["documents"] == len(docs) and totals["failed"] == 0

    documents = ex.read_table(str(out), "documents")
    assert sorted(documents["path"]) == sorted(cli_extracts)
    for _, row in documents.iterrows():
        meta = cli_extracts[row["path"]]["meta"]
        number = None if pd.isna(row["number"]) else row["number"]
        assert number == meta["number"]
        assert row["results"] == len(cli_extracts[row["path"]]["results"])

    for table in ex.TABLES:
        got = ex.read_table(str(out), table)
        want = sum(len(d[table]) for d in docs)
        assert len(got) == want == totals[table], table
    # Row by row, the results hold the CLI's values.
    results = ex.read_table(str(out), "results")
    def key(row):
        return tuple((v is None, v if v is not None else 0) for v in row)

    want = sorted(
        ((d["source"]["path"], r["line"], r["indicator"], r["stated_percent"])
         for d in docs
         for r in d["results"]),
        key=key,
    )
    got = sorted(
        ((row.path, int(row.line), row.indicator,
          None if pd.isna(row.stated_percent) else row.stated_percent)
         for row in results.itertuples()),
        key=key,
    )
    assert got == want
    findings = ex.read_table(str(out), "findings")
    assert sorted(findings["message"]) == sorted(f["message"] for d in docs for f in d["findings"])

    # The bulk files hold one action line and one record per document.
    lines = []
    for f in sorted((out / "es-bulk").iterdir()):
        lines += f.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 * len(docs)
    records = [json.loads(x) for x in lines[1::2]]
    assert sorted(r["path"] for r in records) == sorted(cli_extracts)


def test_the_walkthrough_runs(tmp_path, corpus, index, capsys):
    spec = importlib.util.spec_from_file_location("walkthrough", ROOT / "examples" / "walkthrough.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    chart = tmp_path / "chart.png"
    assert mod.main([str(corpus), "--index", str(index), "--plot", str(chart)]) == 0
    out = capsys.readouterr().out
    # The report of the corpus that misses its plan's targets is named, with the plan.
    assert "target_missed" not in out and "so với mục tiêu" in out
    assert "by place (%)" in out
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    assert chart.stat().st_size > 1000


def test_an_unreadable_file_is_reported_and_the_rest_written(tmp_path, corpus):
    ex = load_example()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes((corpus / "quyet-dinh-quy-che-ban-chi-dao.txt").read_bytes())
    (docs / "hong.pdf").write_bytes(b"%PDF-1.4\ncut off")
    out = tmp_path / "out"
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            totals = ex.run([str(docs)], str(out), client, partition_size=1)
    finally:
        cluster.close()
    assert totals["documents"] == 1 and totals["failed"] == 1
    assert len(totals["failures"]) == 1 and "hong.pdf" in totals["failures"][0]
    assert list(ex.read_table(str(out), "documents")["path"]) == [str(docs / "a.txt")]
