#!/bin/sh
# tests/lua/suite.sh — Lua filters and writers.  Every case in cases/ (and
# cases3/) runs through samizdat -f json -t json -L CASE and must give the
# JSON pandoc gave (tests/lua/expected/, made by oracle.sh), exit code too.
# Then the bundled filters and examples against their expected outputs.
. "$(dirname "$0")/../lib.sh"
T=$SZ_ROOT/tests/lua
cd "$T" || exit 1
PAIRS=$SZ_TMP/pairs
: > "$PAIRS"
for c in cases/*.lua cases3/*.lua; do
    [ -f "$c" ] || continue
    name=$(basename "$c" .lua)
    input=$(sed -n '1s/^-- input: *//p' "$c")
    api=1.22
    case $c in cases3/*) api=1.23 ;; esac
    "$SAMIZDAT" -f json -t json --pandoc-api $api -L "$c" < "inputs/$input.json" \
        > "$SZ_TMP/$name.json" 2> "$SZ_TMP/$name.err"
    rc=$?
    want=$(cat "expected/$name.rc" 2>/dev/null || echo missing)
    if [ "$rc" != "$want" ]; then
        fail "lua/$name: exit $rc, pandoc exits $want: $(head -c 300 "$SZ_TMP/$name.err" | tr '\n' ' ')"
    elif grep -q Sanitizer "$SZ_TMP/$name.err"; then
        fail "lua/$name: $(grep -m1 Sanitizer "$SZ_TMP/$name.err")"
    elif [ "$rc" = 0 ]; then
        echo "lua/$name expected/$name.json $SZ_TMP/$name.json" >> "$PAIRS"
    else
        pass "lua/$name"
    fi
done
# One python run compares all JSON outputs, ignoring key order and the
# api version number.
python3 - "$PAIRS" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    name, a, b = line.split()
    try:
        x, y = json.load(open(a)), json.load(open(b))
    except Exception as e:
        print("FAIL %s: bad JSON: %s" % (name, e)); continue
    for d in (x, y):
        d.pop("pandoc-api-version", None)
    if x == y:
        print("PASS " + name)
    else:
        xs, ys = json.dumps(x, sort_keys=True), json.dumps(y, sort_keys=True)
        i = next((i for i in range(min(len(xs), len(ys))) if xs[i] != ys[i]), 0)
        print("FAIL %s: differs from pandoc at ...%s... (samizdat: ...%s...)" % (name, xs[max(0, i-60):i+60], ys[max(0, i-60):i+60]))
PY
[ -f "$T/filters.sh" ] && . "$T/filters.sh"
[ -f "$T/templates.sh" ] && . "$T/templates.sh"
# The pandoc/lua-filters collection, when SZ_LUA_FILTERS names a checkout.
[ -f "$T/collection.sh" ] && . "$T/collection.sh"
# pandoc's own Lua test suite, when SZ_PANDOC_SRC names a checkout of pandoc.
[ -f "$T/pandoc-suite.sh" ] && . "$T/pandoc-suite.sh"
exit 0
