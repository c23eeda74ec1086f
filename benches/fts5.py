#!/usr/bin/env python3
"""The peer vanban is compared with: SQLite FTS5 (python3's sqlite3 module) with
tokenize="unicode61 remove_diacritics 2", the index a user would set up instead.

    fts5.py index CORPUS_DIR DB       index every .txt/.md file (path, text); prints JSON
    fts5.py query DB QUERIES [RUNS]   run benches/queries.tsv; prints p50/p99 per category

A query counts its matches and fetches the 10 best rows (bm25) with a snippet, as
`vanban search` does. A `cites` query is the document id searched as a phrase in the text.
"""
import json
import os
import re
import sqlite3
import sys
import time


def index(corpus, db):
    if os.path.exists(db):
        os.remove(db)
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute(
        'CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, '
        'tokenize="unicode61 remove_diacritics 2")'
    )
    n = size = 0
    with con:
        for root, _dirs, files in os.walk(corpus):
            for name in sorted(files):
                if not name.endswith((".txt", ".md")):
                    continue
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    raw = f.read()
                size += len(raw)
                text = raw.decode("utf-8-sig").replace("\r\n", "\n")
                con.execute("INSERT INTO docs(path, body) VALUES (?, ?)", (path, text))
                n += 1
    con.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"docs": n, "bytes": size, "seconds": seconds,
                      "db_bytes": os.path.getsize(db)}))


def fts_query(category, q):
    if category == "cites":
        # 749/QĐ-TTg -> the phrase "749 QĐ TTg" (the tokenizer splits on / and -).
        return '"' + " ".join(t for t in re.split(r"[^\w]+", q) if t) + '"'
    if q.startswith('"'):
        return q
    return " ".join('"%s"' % w for w in q.split())


def percentile(sorted_values, p):
    at = round((len(sorted_values) - 1) * p)
    return sorted_values[min(at, len(sorted_values) - 1)]


def query(db, queries, runs):
    con = sqlite3.connect(db)
    by_cat, matches = {}, {}
    for line in open(queries, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cat, q = line.split("\t", 1)
        m = fts_query(cat, q)

        def run():
            total = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (m,)).fetchone()[0]
            con.execute(
                "SELECT path, snippet(docs, 1, '[', ']', '…', 16) FROM docs "
                "WHERE docs MATCH ? ORDER BY rank LIMIT 10", (m,)).fetchall()
            return total

        matches[cat + "\t" + q] = run()
        for _ in range(runs):
            t = time.perf_counter()
            run()
            ms = (time.perf_counter() - t) * 1000
            by_cat.setdefault(cat, []).append(ms)
            by_cat.setdefault("all", []).append(ms)
    out = {}
    for cat, v in sorted(by_cat.items()):
        v.sort()
        out[cat] = {"n": len(v), "p50_ms": percentile(v, 0.5), "p99_ms": percentile(v, 0.99)}
    out["matches"] = matches
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "query":
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 30)
    else:
        sys.exit(__doc__)
