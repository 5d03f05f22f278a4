#!/bin/sh
# tests/lua/oracle.sh — regenerates tests/lua/expected/ from pandoc itself:
#   cases/*.lua   with pandoc 2.17 (apt): pandoc -f json -t json -L CASE < inputs/X.json
#   cases3/*.lua  with pandoc 3.x (npm pandoc-wasm, if PANDOC3 names a runner)
# Each case names its input in its first line: "-- input: NAME" (inputs/NAME.json).
# Run by `make lua-oracle`; commit the results after looking at them.
cd "$(dirname "$0")" || exit 1
PANDOC=${PANDOC:-pandoc}
mkdir -p expected
for f in inputs/*.md; do
    case $f in
    *3.md) [ -n "$PANDOC3" ] && $PANDOC3 -f markdown -t json < "$f" > "${f%.md}.json" ;;
    *) "$PANDOC" -f markdown -t json "$f" > "${f%.md}.json" ;;
    esac
done
run_case() {   # runner case
    name=$(basename "$2" .lua)
    input=$(sed -n '1s/^-- input: *//p' "$2")
    $1 -f json -t json -L "$2" < "inputs/$input.json" > "expected/$name.json" 2> "expected/$name.err"
    echo $? > "expected/$name.rc"
    [ -s "expected/$name.err" ] || rm -f "expected/$name.err"
}
for c in cases/*.lua; do run_case "$PANDOC" "$c"; done
# The bundled filters run unchanged on pandoc too.
while read -r filter input; do
    name=filter-$filter-$input
    "$PANDOC" -f json -t json -L "../../filters/$filter.lua" < "inputs/$input.json" \
        > "expected/$name.json" 2> "expected/$name.err"
    echo $? > "expected/$name.rc"
    [ -s "expected/$name.err" ] || rm -f "expected/$name.err"
done < filters.txt
# A classic custom writer.
"$PANDOC" -f json -t writers/classic.lua < inputs/rich.json > expected/writer-classic.txt
if [ -n "$PANDOC3" ]; then
    for c in cases3/*.lua; do run_case "$PANDOC3" "$c"; done
    # inputs/essay3.json is `samizdat examples/essay.txt -t json`
    $PANDOC3 -f json -t json -L ../../examples/essay-figures.lua < inputs/essay3.json \
        > expected/example-essay-figures.json
fi
echo "expected outputs written to tests/lua/expected/"
