#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the project's corpus/ and broken inputs.
# Run from fuzz/: ./seed.sh, then e.g. cargo +nightly fuzz run read_pdf -- -runs=1000000
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{decode_text,read_pdf,read_docx,read_doc,normalize,extract,query,index_damage}
cp "$root"/corpus/*.txt "$root"/corpus/*.md "$root"/corpus/encodings/*.txt corpus/decode_text/
cp "$root"/corpus/*.pdf "$root"/tests/data/*.pdf corpus/read_pdf/
cp "$root"/corpus/*.docx corpus/read_docx/
cp "$root"/corpus/*.doc "$root"/tests/data/doc/*.doc corpus/read_doc/
cp "$root"/corpus/*.txt "$root"/corpus/*.md corpus/normalize/
cp "$root"/corpus/*.txt "$root"/corpus/*.md corpus/extract/
printf '%s\n' 'chuyen doi so' '"dịch vụ công trực tuyến"' 'ke hoach AND -OCOP' 'ban OR bản' '2198/KH-UBND' > corpus/query/seeds.txt
# index_damage: which file (byte 0), how (byte 1: overwrite, cut, insert, remove), where (2-5), then bytes.
for i in 0 1 2 3 4 5 6 7 8 9 10 11 12 13; do
    printf "\\x$(printf %02x $i)\\x00\\x40\\x00\\x00\\x00garbage-bytes" > corpus/index_damage/overwrite-$i
    printf "\\x$(printf %02x $i)\\x01\\x10\\x00\\x00\\x00" > corpus/index_damage/cut-$i
done
