"""A notebook's worth of vanban in Python: load a folder, find the reports whose results miss
their plan's target, and plot one indicator across places.

    vanban ingest corpus/ --index vanban-index       # once: the plans the reports are judged by
    python examples/walkthrough.py corpus/ --index vanban-index --indicator "trực tuyến"

Each step is a cell of a notebook; run them one by one there.
"""

from __future__ import annotations

import argparse
import sys

import vanban


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--index", default="vanban-index")
    ap.add_argument("--indicator", default="trực tuyến", help="words of the indicator to plot")
    ap.add_argument("--plot", default="indicator.png", help="where to save the chart")
    args = ap.parse_args(argv)

    # 1. Load a folder: every document's facts, read on every core.
    docs = list(vanban.extract_many(args.folder, errors="warn"))
    reports = [d for d in docs if d["meta"]["kind"] == "report"]
    print(f"{len(docs)} documents, {len(reports)} reports")

    # 2. Results as a table: one row per stated result, with its document.
    results = vanban.frame(docs, "results")
    print(results[["number", "place", "indicator", "stated_percent"]].head(10).to_string())

    # 3. Reports whose results miss their plan's target: the plans are those in the index
    #    that bind each report (cited, or of the same place, level and period).
    index = vanban.Index(args.index)
    findings = vanban.frame(vanban.check(args.folder, index=index.path), "findings")
    missed = findings[findings["kind"] == "target_missed"]
    print(f"\n{missed['path'].nunique()} report(s) miss a target of their plan:")
    for row in missed.itertuples():
        print(f"  {row.path}:{row.line}  {row.message}")

    # 4. One indicator across places: the highest rate each place reports for it.
    words = args.indicator.lower()
    one = results[results["indicator"].str.lower().str.contains(words, regex=False, na=False)]
    by_place = one.dropna(subset=["place", "stated_percent"]).groupby("place")["stated_percent"].max()
    print(f"\n{args.indicator!r} by place (%):")
    print(by_place.sort_values().to_string())
    try:
        import matplotlib

        matplotlib.use("Agg")
        ax = by_place.sort_values().plot.barh(figsize=(7, 0.35 * len(by_place) + 1))
        ax.set_xlabel("%")
        ax.set_title(args.indicator)
        ax.figure.tight_layout()
        ax.figure.savefig(args.plot, dpi=100)
        print(f"chart: {args.plot}")
    except ImportError:
        print("(pip install matplotlib for the chart)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
