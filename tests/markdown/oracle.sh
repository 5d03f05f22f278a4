#!/bin/sh
# tests/markdown/oracle.sh — regenerates tests/markdown/expected/ from pandoc:
#   expected/NAME.FORMAT.json = pandoc -f FORMAT -t json inputs/NAME.md
# for FORMAT in commonmark, gfm and markdown.  pandoc 2.17 (Debian 12's) made
# the committed files; look at what changed before committing new ones.
cd "$(dirname "$0")" || exit 1
PANDOC=${PANDOC:-pandoc}
mkdir -p expected
rm -f expected/*.json
for f in inputs/*.md; do
    name=$(basename "$f" .md)
    for fmt in commonmark gfm markdown; do
        "$PANDOC" -f "$fmt" -t json "$f" > "expected/$name.$fmt.json" || exit 1
    done
done
# pandoc.read from a Lua filter.
"$PANDOC" -f markdown -t json -L read.lua inputs/snip-01.md > lua-read.json || exit 1
