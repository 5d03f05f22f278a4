#!/bin/sh
# tests/lua/collection.sh — the filters of the public pandoc/lua-filters
# collection that need no outside program, run unchanged by pandoc and by
# samizdat on the same JSON; the outputs must be the same JSON (key order and
# the api version ignored) with the same exit code.  SZ_LUA_FILTERS names a
# checkout of the collection (its files are never copied here); pandoc (or
# $PANDOC) must be installed.  The filters, inputs and output formats are
# listed in collection.txt.  Sourced by suite.sh; also runs on its own.
[ -n "$SZ_TMP" ] || . "$(dirname "$0")/../lib.sh"
LIST=$SZ_ROOT/tests/lua/collection.txt
PANDOC=${PANDOC:-pandoc}
# Each filter runs in its own directory: make a relative binary path absolute.
case $SAMIZDAT in /*) ;; */*) SAMIZDAT=$(pwd)/$SAMIZDAT ;; esac
case $SZ_LUA_FILTERS in /*|'') ;; *) SZ_LUA_FILTERS=$(pwd)/$SZ_LUA_FILTERS ;; esac
if [ -z "$SZ_LUA_FILTERS" ]; then
    skip "lua/collection: set SZ_LUA_FILTERS to a checkout of pandoc/lua-filters to run its filters against pandoc"
elif [ ! -d "$SZ_LUA_FILTERS" ]; then
    skip "lua/collection: SZ_LUA_FILTERS=$SZ_LUA_FILTERS is not a directory"
elif ! command -v "$PANDOC" >/dev/null 2>&1; then
    skip "lua/collection: no pandoc to compare with"
else
    # pandoc 2.x reads and writes api 1.22 JSON: samizdat writes the same.
    api=
    case $("$PANDOC" --version | head -1) in
    *\ 2.*) api="--pandoc-api 1.22" ;;
    esac
    # FORMAT is the output format a filter acts for; the outputs are JSON on
    # both sides, so each run's filter file is the collection's file after
    # one line setting FORMAT (the same file for pandoc and samizdat; it
    # works with pandoc-wasm too, which sees no environment).
    cpairs=$SZ_TMP/collection.pairs
    : > "$cpairs"
    grep -v '^#' "$LIST" | while read -r name filter input format opts; do
        [ -n "$name" ] || continue
        f=$SZ_LUA_FILTERS/$filter
        if [ ! -f "$f" ] || [ ! -f "$SZ_LUA_FILTERS/$input" ]; then
            skip "lua/collection-$name: $filter or $input is not in $SZ_LUA_FILTERS"
            continue
        fi
        case $format in
        *@3)    # compared with pandoc 3 only: see the note in collection.txt
            format=${format%@3}
            if [ -n "$api" ]; then
                skip "lua/collection-$name: compared with pandoc 3 only (see collection.txt)"
                continue
            fi ;;
        esac
        dir=$(dirname "$f")
        out=$SZ_TMP/coll-$name
        # The filter file as it is, after one line setting FORMAT.
        { [ "$format" = - ] || echo "FORMAT = '$format'"; cat "$f"; } > "$out.lua"
        # Run where the filter lives: some read files named relative to it.
        (
            cd "$dir" || exit 1
            # shellcheck disable=SC2086
            "$PANDOC" -f markdown -t json $opts "$SZ_LUA_FILTERS/$input" > "$out.in.json" || exit 1
            "$PANDOC" -f json -t json -L "$out.lua" < "$out.in.json" \
                > "$out.pandoc" 2> "$out.pandoc.err"
            echo $? > "$out.pandoc.rc"
            # shellcheck disable=SC2086
            "$SAMIZDAT" -f json -t json $api -L "$out.lua" < "$out.in.json" \
                > "$out.sz" 2> "$out.sz.err"
            echo $? > "$out.sz.rc"
        )
        if [ ! -f "$out.sz.rc" ]; then
            fail "lua/collection-$name: pandoc could not read $input"
        elif [ "$(cat "$out.pandoc.rc")" != "$(cat "$out.sz.rc")" ]; then
            fail "lua/collection-$name: exit $(cat "$out.sz.rc"), pandoc exits $(cat "$out.pandoc.rc"): $(head -c 300 "$out.sz.err" | tr '\n' ' ')"
        elif grep -q Sanitizer "$out.sz.err"; then
            fail "lua/collection-$name: $(grep -m1 Sanitizer "$out.sz.err")"
        elif [ "$(cat "$out.sz.rc")" != 0 ]; then
            # Some filters of the collection fail on pandoc too.
            pass "lua/collection-$name (pandoc also fails: $(grep -m1 -v '^Error running filter' "$out.pandoc.err" | head -c 100))"
        else
            echo "lua/collection-$name $out.pandoc $out.sz $out.in.json" >> "$cpairs"
        fi
    done
    python3 - "$cpairs" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    name, a, b, src = line.split()
    ra, rb = open(a, "rb").read(), open(b, "rb").read()
    try:
        x, y, z = json.loads(ra), json.loads(rb), json.load(open(src))
        for d in (x, y, z):
            d.pop("pandoc-api-version", None)
    except ValueError:
        x, y, z = ra, rb, None     # not JSON (a filter that prints and exits)
    if x == y:
        print("PASS " + name + (" (unchanged, as on pandoc)" if x == z else ""))
    else:
        xs, ys = json.dumps(x, sort_keys=True) if isinstance(x, dict) else repr(x), \
                 json.dumps(y, sort_keys=True) if isinstance(y, dict) else repr(y)
        i = next((i for i in range(min(len(xs), len(ys))) if xs[i] != ys[i]), min(len(xs), len(ys)))
        print("FAIL %s: differs from pandoc at ...%s... (samizdat: ...%s...)"
              % (name, xs[max(0, i-80):i+80], ys[max(0, i-80):i+80]))
PY
fi
