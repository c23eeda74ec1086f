"""Extraction of a folder tree spread over the workers of a Dask cluster.

Each worker reads and extracts its share of the documents with vanban and writes, for that
share, one Parquet file per table (documents, results, targets, findings, references) and one
Elasticsearch/OpenSearch ``_bulk`` file holding the records ``vanban export`` would give:

    out/documents/part-00000.parquet   out/results/part-00000.parquet   ...
    out/es-bulk/part-00000.bulk.ndjson

Nothing is sent back to the client but counts, so memory on the client stays flat however
many documents there are. The Parquet folders open as one table each in pandas, Dask, Spark,
DuckDB; the bulk files load into a search cluster with
``curl -H 'Content-Type: application/x-ndjson' --data-binary @part-00000.bulk.ndjson
http://localhost:9200/_bulk``.

    python examples/dask_extract.py corpus/ --out extracted/                 # a local cluster
    python examples/dask_extract.py /srv/reports --out /srv/extracted \\
        --scheduler tcp://scheduler:8786                                     # an existing one

Every worker needs the package (``pip install ./python``) and the documents at the same
paths (a shared file system).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from typing import Any, Dict, Iterable, List, Optional

import pandas as pd

import vanban

#: The tables written, and the list of an extract each comes from.
TABLES = ("results", "targets", "findings", "references")


def documents_row(rec: Dict[str, Any]) -> Dict[str, Any]:
    """One row of the documents table: where the document is, what it is, how much it holds."""
    meta = rec["meta"]
    src = rec["source"]
    return {
        "path": src["path"],
        "sha256": src["sha256"],
        "format": src["format"],
        "number": meta.get("number"),
        "kind": meta.get("kind"),
        "type": meta.get("type"),
        "title": meta.get("title"),
        "place": meta.get("place"),
        "date": meta.get("date"),
        "issuer": meta.get("issuer"),
        "results": len(rec["results"]),
        "targets": len(rec["targets"]),
        "findings": len(rec["findings"]),
        "references": len(rec["references"]),
    }


def write_table(df: pd.DataFrame, folder: str, part: int) -> None:
    os.makedirs(folder, exist_ok=True)
    # Lists and dicts inside a fact (none today, any later) are kept as JSON text, so every
    # part has the same flat schema.
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, (list, dict))).any():
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False) if v is not None else None)
    df.to_parquet(os.path.join(folder, f"part-{part:05d}.parquet"), index=False)


def extract_part(paths: List[str], out: str, part: int, index_name: str = "vanban") -> Dict[str, Any]:
    """Runs on a worker: extracts ``paths`` and writes this part's files; gives the counts and
    the files that could not be read, each with its reason."""
    records = []
    bulk = os.path.join(out, "es-bulk")
    os.makedirs(bulk, exist_ok=True)
    with warnings.catch_warnings(record=True) as unread:
        warnings.simplefilter("always", vanban.VanbanWarning)
        with open(os.path.join(bulk, f"part-{part:05d}.bulk.ndjson"), "w", encoding="utf-8") as es:
            for rec, lines in vanban.extract_export(paths, workers=1, index_name=index_name, errors="warn"):
                records.append(rec)
                es.write(lines)
    failures = [str(w.message) for w in unread if issubclass(w.category, vanban.VanbanWarning)]
    write_table(pd.DataFrame([documents_row(r) for r in records]), os.path.join(out, "documents"), part)
    for table in TABLES:
        write_table(vanban.frame(records, table), os.path.join(out, table), part)
    counts: Dict[str, Any] = {t: sum(len(r[t]) for r in records) for t in TABLES}
    counts.update(documents=len(records), failed=len(failures), failures=failures)
    return counts


def read_table(out: str, table: str) -> pd.DataFrame:
    """One table of a run as one DataFrame. Parts are concatenated by column name: a part
    whose facts leave out an optional field (a result without ``parts``) has fewer columns.
    (Spark reads the folder with ``mergeSchema``, DuckDB with ``union_by_name``.)"""
    folder = os.path.join(out, table)
    parts = sorted(f for f in os.listdir(folder) if f.endswith(".parquet"))
    frames = [pd.read_parquet(os.path.join(folder, f)) for f in parts]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def chunks(items: List[str], size: int) -> Iterable[List[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run(paths: List[str], out: str, client, partition_size: int = 64) -> Dict[str, Any]:
    """Extracts every document under ``paths`` on the workers of ``client``; gives the totals
    and the files that could not be read (``failures``: the reason of each)."""
    files = vanban.files(paths, errors="warn")
    futures = [
        client.submit(extract_part, part, out, i, pure=False)
        for i, part in enumerate(chunks(files, partition_size))
    ]
    totals: Dict[str, Any] = {"failures": []}
    for counts in client.gather(futures):
        for k, v in counts.items():
            if k == "failures":
                totals[k] += v
            else:
                totals[k] = totals.get(k, 0) + v
    return totals


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="files and folders to extract")
    ap.add_argument("--out", required=True, help="folder for the Parquet and bulk files")
    ap.add_argument("--scheduler", help="address of a running cluster (default: a local one)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster")
    ap.add_argument("--partition-size", type=int, default=64, help="documents per task")
    args = ap.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        totals = run(args.paths, args.out, client, args.partition_size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for reason in totals.pop("failures"):
        print(f"dask_extract: {reason}", file=sys.stderr)
    print(json.dumps(totals, ensure_ascii=False))
    return 0 if totals.get("failed", 0) == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
