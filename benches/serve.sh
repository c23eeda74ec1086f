#!/usr/bin/env bash
# Latency of `vanban serve` under 50 concurrent clients, and the server's memory, on a
# generated index (the queries of benches/queries.tsv, on the search page and on the API).
#
# Usage: benches/serve.sh INDEX [CLIENTS] [SECONDS]
#   INDEX    an index folder, e.g. built with
#              vanban gen-corpus --docs 100000 DIR && vanban ingest DIR --index INDEX
#   CLIENTS  concurrent keep-alive clients (default 50); SECONDS per route (default 30)
# Prints a Markdown table, then the server's start-up time (it reads every document once for
# facets and findings) and its memory: peak RSS (counts the index pages it maps, which the
# kernel shares and can drop) and peak anonymous RSS (what the server itself allocated).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
index=${1:?usage: benches/serve.sh INDEX [CLIENTS] [SECONDS]}
clients=${2:-50}
seconds=${3:-30}
port=${PORT:-18642}
out=$(mktemp -d)

cd "$root"
cargo build --release --quiet
cargo bench --no-run --quiet --bench serve_load 2>/dev/null

started=$(date +%s.%N)
python3 benches/peakmem.py "$out/serve.out" target/release/vanban serve --index "$index" \
    --addr "127.0.0.1:$port" 2> "$out/serve.err" &
wrapper=$!
until curl -sf "http://127.0.0.1:$port/api/status" > /dev/null; do
    if ! kill -0 "$wrapper" 2>/dev/null; then
        cat "$out/serve.err" >&2
        exit 1
    fi
    sleep 0.2
done
ready=$(date +%s.%N)
echo "server ready in $(echo "$ready - $started" | bc) s: $(curl -s "http://127.0.0.1:$port/api/status")"

cargo bench --quiet --bench serve_load -- "http://127.0.0.1:$port" "$clients" "$seconds"

kill -INT $(pgrep -P "$wrapper") 2>/dev/null || true
wait "$wrapper" || true
read -r secs rss anon < <(tail -n 1 "$out/serve.err")
echo "server memory: peak RSS $((rss / 1024)) MB, peak anonymous RSS $((anon / 1024)) MB (over ${secs} s)"
rm -rf "$out"
