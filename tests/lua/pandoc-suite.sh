#!/bin/sh
# tests/lua/pandoc-suite.sh — pandoc's own Lua test suite, run unchanged
# through samizdat: the module tests (pandoc-lua-engine/test/lua/module/*.lua,
# written for the `tasty` Lua module; suite/tasty.lua is our stand-in) and the
# filter cases of pandoc-lua-engine/test/Tests/Lua.hs (suite/filter-cases.txt
# holds their input and expected documents).  SZ_PANDOC_SRC names a checkout
# of pandoc (its files are never copied here).  Known differences are listed
# in suite/known.txt and README.md: they print SKIP with the reason.
# Sourced by suite.sh; also runs on its own.
[ -n "$SZ_TMP" ] || . "$(dirname "$0")/../lib.sh"
S=$SZ_ROOT/tests/lua/suite
case $SAMIZDAT in /*) ;; */*) SAMIZDAT=$(pwd)/$SAMIZDAT ;; esac
case $SZ_PANDOC_SRC in /*|'') ;; *) SZ_PANDOC_SRC=$(pwd)/$SZ_PANDOC_SRC ;; esac
PT=$SZ_PANDOC_SRC/pandoc-lua-engine/test
if [ -z "$SZ_PANDOC_SRC" ]; then
    skip "lua/pandoc-suite: set SZ_PANDOC_SRC to a checkout of pandoc to run its Lua test suite"
elif [ ! -d "$PT/lua/module" ]; then
    skip "lua/pandoc-suite: $PT/lua/module is not there (SZ_PANDOC_SRC is not a pandoc checkout)"
else
    R=$SZ_TMP/pandoc-suite
    mkdir -p "$R"
    echo '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[]}' > "$R/empty.json"
    # The tests read their data files relative to pandoc-lua-engine/test,
    # as pandoc's test driver runs them.
    for f in "$PT"/lua/module/*.lua; do
        m=$(basename "$f" .lua)
        (cd "$PT" && SZ_TASTY_FILE=lua/module/$m.lua SZ_TASTY_OUT=$R/$m.res \
            "$SAMIZDAT" -f json -t json -o "$R/$m.out.json" -L "$S/run.lua" \
            < "$R/empty.json" > "$R/$m.log" 2>&1)
        rc=$?
        if [ $rc -ne 0 ] || grep -q Sanitizer "$R/$m.log"; then
            echo "FAIL $m: samizdat exited $rc: $(grep -m1 -A3 'Sanitizer\|error' "$R/$m.log" | head -c 300 | tr '\n' ' ')" >> "$R/$m.res"
        fi
        if [ ! -s "$R/$m.res" ]; then
            echo "FAIL $m: the run gave no results: $(head -c 300 "$R/$m.log" | tr '\n' ' ')" > "$R/$m.res"
        fi
        sed "s|^\\(PASS\\|FAIL\\) |\\1 $m / |" "$R/$m.res"
    done > "$R/module.txt"
    # A failure listed in known.txt ("module / group / test|why") is a SKIP.
    awk -F'|' 'NR == FNR { if ($0 !~ /^#/ && NF > 1) why[$1] = $2; next }
        { line = $0; sub(/^(PASS|FAIL) /, "", line); name = line; sub(/: .*/, "", name) }
        /^FAIL / && (name in why) { print "SKIP lua/pandoc-suite/" name ": known difference: " why[name]; next }
        { sub(/ /, " lua/pandoc-suite/"); print }' "$S/known.txt" "$R/module.txt"
    mp=$(grep -c '^PASS' "$R/module.txt")
    mt=$(grep -c '^\(PASS\|FAIL\)' "$R/module.txt")
    # The filter cases (none looks at FORMAT); the filters are named
    # lua/NAME.lua from pandoc-lua-engine/test (script-name checks that).
    fp=0 ft=0
    grep -v '^#' "$S/filter-cases.txt" | while IFS='|' read -r flt in want; do
        printf '%s\n' "$in" | sed 's/^{/{"pandoc-api-version":[1,23,1],/' > "$R/in.json"
        (cd "$PT" && "$SAMIZDAT" -f json -t json -o "$R/got.json" -L "lua/$flt" \
            < "$R/in.json" > "$R/flt.log" 2>&1)
        rc=$?
        printf "%s\n" "$want" | sed "s/^{/{\"pandoc-api-version\":[1,23,1],/" > "$R/want.json"
        if [ $rc -ne 0 ]; then
            fail "lua/pandoc-suite/filter/$flt: exit $rc: $(head -c 300 "$R/flt.log" | tr '\n' ' ')"
        elif python3 "$SZ_ROOT/tests/json/jsoncmp.py" --any-version "$R/want.json" "$R/got.json" > "$R/cmp.txt" 2>&1; then
            pass "lua/pandoc-suite/filter/$flt"
        else
            fail "lua/pandoc-suite/filter/$flt: $(head -c 300 "$R/cmp.txt" | tr '\n' ' ')"
        fi
    done > "$R/filter.txt"
    cat "$R/filter.txt"
    fp=$(grep -c '^PASS' "$R/filter.txt")
    ft=$(grep -c '^\(PASS\|FAIL\)' "$R/filter.txt")
    echo "lua/pandoc-suite: $mp of $mt module tests pass, $fp of $ft filter cases"
fi
