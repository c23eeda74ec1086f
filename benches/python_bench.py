"""The Python package against the command line on the same generated corpus.

    python3 benches/python_bench.py [DOCS]        (default 10000)

Env: BENCH_DIR (default target/bench) holds the corpus (made by vanban-gen, seed 1, as
benches/compare.sh makes it); RUNS (default 3) runs of each, the best kept.

Measures, each over every document of the corpus with every core of the machine:
  - `vanban extract DIR > /dev/null` (the command line, JSON lines written);
  - `for d in vanban.extract_many(DIR): ...` (Python: each extract as a dict);
  - examples/dask_extract.py on a local Dask cluster of 2 worker processes (1 thread each),
    writing the Parquet tables and the bulk files.
Prints a Markdown table and writes its JSON into BENCH_DIR/python-DOCS.json. Needs the package
installed (pip install ./python) and, for the Dask row, dask[distributed], pandas, pyarrow.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    docs = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    runs = int(os.environ.get("RUNS", "3"))
    bench = Path(os.environ.get("BENCH_DIR", ROOT / "target" / "bench"))
    corpus = bench / f"corpus-{docs}"
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "vanban", "-p", "vanban"], cwd=ROOT, check=True
    )
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "vanban-gen"], cwd=ROOT, check=True)
    if not corpus.is_dir():
        subprocess.run(
            [ROOT / "target/release/vanban-gen", "--docs", str(docs), "--seed", "1", corpus],
            check=True,
        )
    import vanban

    files = vanban.files(corpus)
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    cores = os.cpu_count()

    def cli():
        with open(os.devnull, "w") as null:
            subprocess.run([ROOT / "target/release/vanban", "extract", corpus], stdout=null, check=True)

    n = [0]

    def py():
        n[0] = sum(1 for _ in vanban.extract_many(corpus))

    t_cli = best(runs, cli)
    t_py = best(runs, py)
    assert n[0] == len(files), (n[0], len(files))

    row_dask = None
    try:
        from dask.distributed import Client, LocalCluster

        spec = importlib.util.spec_from_file_location("dask_extract", ROOT / "examples/dask_extract.py")
        ex = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ex)
        out = bench / f"dask-out-{docs}"
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
            with Client(cl) as client:

                def dask_run():
                    shutil.rmtree(out, ignore_errors=True)
                    totals = ex.run([str(corpus)], str(out), client, partition_size=256)
                    assert totals["documents"] == len(files), totals

                t_dask = best(runs, dask_run)
        row_dask = t_dask
    except ImportError as e:
        print(f"python_bench: no Dask row ({e})", file=sys.stderr)

    result = {
        "docs": len(files),
        "mb": round(mb, 1),
        "cores": cores,
        "cli_s": round(t_cli, 2),
        "extract_many_s": round(t_py, 2),
        "dask_2_workers_s": None if row_dask is None else round(row_dask, 2),
        "runs": runs,
    }
    (bench / f"python-{docs}.json").write_text(json.dumps(result, indent=1))
    print(f"| {len(files)} docs, {mb:.1f} MB, {cores} cores | wall s (best of {runs}) | MB/s | vs CLI |")
    print("|---|---|---|---|")
    print(f"| `vanban extract DIR > /dev/null` | {t_cli:.2f} | {mb / t_cli:.1f} | 1.00 |")
    print(f"| `vanban.extract_many(DIR)` (dicts) | {t_py:.2f} | {mb / t_py:.1f} | {t_cli / t_py:.2f} |")
    if row_dask is not None:
        print(
            f"| Dask, 2 worker processes, Parquet + bulk files | {row_dask:.2f} | {mb / row_dask:.1f} | {t_cli / row_dask:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
