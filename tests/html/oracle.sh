#!/bin/sh
# tests/html/oracle.sh — regenerates tests/html/expected/ from pandoc:
#   expected/NAME.json = pandoc -f html -t json inputs/NAME
# pandoc 2.17 (Debian 12's) made the committed files; look at what changed
# before committing new ones.
cd "$(dirname "$0")" || exit 1
PANDOC=${PANDOC:-pandoc}
mkdir -p expected
rm -f expected/*.json
for f in inputs/*; do
    "$PANDOC" -f html -t json "$f" > "expected/$(basename "$f").json" || exit 1
done
