#!/usr/bin/env bash
# vanban side by side with what a user would otherwise use, on one generated corpus per size:
#   - extract throughput vs ripgrep counting matches of the reference pattern (rg -c);
#   - ingest (read, extract, index) vs SQLite FTS5 indexing the same texts (benches/fts5.py);
#   - query latency (benches/queries.tsv) vs the same queries on that FTS5 table;
#   - peak memory of ingest: RSS and anonymous RSS (benches/peakmem.py).
#
# Usage: benches/compare.sh [DOCS ...]          (default: 10000 100000)
# Env:   BENCH_DIR (default target/bench) holds the corpora, indexes and raw results;
#        QUERY_RUNS (default 30) runs of each query; MEMORY_MB (default 200) writer budget.
# Needs: ripgrep, python3 with sqlite3 (FTS5), GNU time. On Debian/Ubuntu:
#        sudo apt-get install ripgrep time python3
# Prints a Markdown table; the raw JSON of every run stays in BENCH_DIR/results-N/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH_DIR:-$root/target/bench}
runs=${QUERY_RUNS:-30}
memory_mb=${MEMORY_MB:-200}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)

need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "compare.sh: installing $2 (apt-get)" >&2
            apt-get install -y -qq "$2" >/dev/null
        else
            echo "compare.sh: $1 is missing; install it with: sudo apt-get install $2" >&2
            exit 1
        fi
    fi
}
need rg ripgrep
need python3 python3
[ -x /usr/bin/time ] || need time time
python3 -c 'import sqlite3; c = sqlite3.connect(":memory:"); c.execute("create virtual table t using fts5(x)")' \
    || { echo "compare.sh: python3's sqlite3 has no FTS5" >&2; exit 1; }

cd "$root"
cargo build --release --quiet --bin vanban --example query_latency
cargo build --release --quiet -p vanban-gen --bin vanban-gen
vanban=$root/target/release/vanban
generate=$root/target/release/vanban-gen
latency=$root/target/release/examples/query_latency
mkdir -p "$bench"

# The reference pattern: a document kind, "số", then a number/symbol (what refs.rs looks for).
pattern='(Quyết định|Kế hoạch|Nghị định|Nghị quyết|Báo cáo|Công văn|Chỉ thị|Thông tư) số [0-9]+[-/][^ ,;]+'

# seconds and peak RSS (KB) of a command: "secs kb" into $out_time; stdout to $1.
timed() {
    local stdout=$1
    shift
    /usr/bin/time -f "%e %M" -o "$tmp_time" "$@" >"$stdout"
    cat "$tmp_time"
}
tmp_time=$(mktemp)
trap 'rm -f "$tmp_time"' EXIT

echo "| corpus | measure | vanban | peer | vanban / peer |"
echo "|---|---|---|---|---|"
for n in "${sizes[@]}"; do
    corpus=$bench/gen-$n
    out=$bench/results-$n
    mkdir -p "$out"
    if [ ! -f "$corpus/manifest.jsonl" ]; then
        "$generate" --docs "$n" --seed 1 --force "$corpus" >&2
    fi
    mb=$(du -sb --exclude=manifest.jsonl "$corpus" | awk '{printf "%.1f", $1 / 1e6}')
    label="$n docs, $mb MB"
    # Warm the page cache so that every tool reads from memory.
    rg -c --no-filename x "$corpus" >/dev/null || true

    read -r rg_s _ < <(timed "$out/rg.txt" rg -c --no-filename "$pattern" "$corpus")
    read -r ex_s ex_kb < <(timed /dev/null "$vanban" extract "$corpus")
    rm -rf "$out/index"
    # Long runs: wall time, peak RSS and peak anonymous (heap) RSS from benches/peakmem.py.
    read -r in_s in_kb in_anon < <(python3 "$root/benches/peakmem.py" "$out/ingest.json" \
        "$vanban" ingest --json --memory-mb "$memory_mb" --index "$out/index" "$corpus" 2>&1 >/dev/null | tail -1)
    read -r fts_s fts_kb fts_anon < <(python3 "$root/benches/peakmem.py" "$out/fts5-index.json" \
        python3 "$root/benches/fts5.py" index "$corpus" "$out/fts5.db" 2>&1 >/dev/null | tail -1)
    "$latency" "$out/index" "$root/benches/queries.tsv" "$runs" >"$out/vanban-queries.json"
    python3 "$root/benches/fts5.py" query "$out/fts5.db" "$root/benches/queries.tsv" "$runs" >"$out/fts5-queries.json"

    python3 - "$out" "$label" "$mb" "$rg_s" "$ex_s" "$ex_kb" "$in_s" "$in_kb" "$fts_s" "$fts_kb" "$in_anon" "$fts_anon" <<'EOF'
import json, sys
out, label, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
rg_s, ex_s, ex_kb, in_s, in_kb, fts_s, fts_kb, in_anon, fts_anon = map(float, sys.argv[4:13])
ingest = json.load(open(f"{out}/ingest.json"))
vq = json.load(open(f"{out}/vanban-queries.json"))
fq = json.load(open(f"{out}/fts5-queries.json"))
rows = []
def row(measure, v, p, ratio):
    rows.append(f"| {label} | {measure} | {v} | {p} | {ratio} |")
row("extract (all rules) vs `rg -c` reference pattern, MB/s",
    f"{mb / ex_s:.1f}", f"{mb / rg_s:.1f}", f"{rg_s / ex_s:.3f}")
row("ingest (read, extract, index) vs FTS5 insert, wall s",
    f"{in_s:.1f}", f"{fts_s:.1f}", f"{fts_s / in_s:.2f} (speed)")
row("ingest throughput, MB/s and docs/s",
    f"{mb / in_s:.1f} MB/s, {ingest['seen'] / in_s:.0f} docs/s",
    f"{mb / fts_s:.1f} MB/s, {ingest['seen'] / fts_s:.0f} docs/s", "")
st = ingest["stages"]
smb = st["bytes"] / 1e6
def rate(s):
    return f"{smb / s:.1f}" if s > 0 else "-"
row("ingest stages, MB/s per core (CPU s)",
    f"read+normalise {rate(st['read_seconds'])} ({st['read_seconds']:.1f} s); "
    f"extract {rate(st['extract_seconds'])} ({st['extract_seconds']:.1f} s); "
    f"index docs {rate(st['build_seconds'])} ({st['build_seconds']:.1f} s); "
    f"writer {st['write_seconds']:.1f} s wall", "", "")
for cat in ["word", "phrase", "accentless", "cites", "all"]:
    v, p = vq[cat], fq[cat]
    row(f"query `{cat}` p50 / p99, ms",
        f"{v['p50_ms']:.1f} / {v['p99_ms']:.1f}", f"{p['p50_ms']:.1f} / {p['p99_ms']:.1f}",
        f"{p['p50_ms'] / v['p50_ms']:.2f} (speed, p50)")
v = vq["cites_list"]
row("`vanban cites ID` (every citation with its sentence) p50 / p99, ms",
    f"{v['p50_ms']:.1f} / {v['p99_ms']:.1f}", "-", "")
row("ingest peak memory, MB: heap (anonymous RSS) / RSS incl. mapped index files",
    f"{in_anon / 1024:.0f} / {in_kb / 1024:.0f}", f"{fts_anon / 1024:.0f} / {fts_kb / 1024:.0f}", "")
row("extract peak RSS, MB", f"{ex_kb / 1024:.0f}", "", "")
print("\n".join(rows))
EOF
done
