#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the project's corpus/ and broken inputs.
# Run from fuzz/: ./seed.sh, then e.g. cargo +nightly fuzz run read_pdf -- -runs=1000000
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{decode_text,read_pdf,read_docx,read_doc,normalize,extract,query}
cp "$root"/corpus/*.txt "$root"/corpus/*.md "$root"/corpus/encodings/*.txt corpus/decode_text/
cp "$root"/corpus/*.pdf "$root"/tests/data/*.pdf corpus/read_pdf/
cp "$root"/corpus/*.docx corpus/read_docx/
cp "$root"/corpus/*.doc "$root"/tests/data/doc/*.doc corpus/read_doc/
cp "$root"/corpus/*.txt "$root"/corpus/*.md corpus/normalize/
cp "$root"/corpus/*.txt "$root"/corpus/*.md corpus/extract/
printf '%s\n' 'chuyen doi so' '"dịch vụ công trực tuyến"' 'ke hoach AND -OCOP' 'ban OR bản' '2198/KH-UBND' > corpus/query/seeds.txt
