#!/bin/sh
# tests/pathological/failalloc.sh [STRIDE] — the failing allocator: for
# every Nth allocation (N = 1, 1+STRIDE, ...; SZ_TEST_FAIL_ALLOC=N makes
# that one allocation fail, ours or libxml2's) of converting the essay and
# a small book to every format, the run must end either with exactly the
# output of an undisturbed run, or with exit 86 and "out of memory" and no
# output or temporary file left — never a crash, a sanitizer report (leaks
# included), another exit code or a different output.  Sourced by suite.sh
# with a stride (41, 127 under ASan); run by hand with STRIDE 1 for the full
# sweep (SAMIZDAT=build-asan/samizdat for the leak check).
if [ -z "$SZ_TMP" ]; then
    . "$(dirname "$0")/../lib.sh"
    fa_stride=${1:-1}
else
    fa_stride=41
    [ "${SZ_ASAN:-0}" = 1 ] && fa_stride=127
fi
fa_dir=$SZ_TMP/failalloc
mkdir -p "$fa_dir"
fa_runs=0
cat > "$fa_dir/identity.lua" <<'LUA'
return {{ Inline = function(e) return e end, Block = function(e) return e end }}
LUA
# The last line goes through a Lua filter (the Lua state's own allocations
# are tests/lua's SZ_TEST_FAIL_AT; these are the bridge's).
for src in "$SZ_ROOT/examples/essay.txt" "$SZ_ROOT/tests/pathological/data/small-book.txt" lua; do
    fa_opt=""
    [ "$src" = lua ] && src=$SZ_ROOT/examples/essay.txt fa_opt="-L $fa_dir/identity.lua"
    for w in plain json native html epub tei; do
        name="${src##*/}${fa_opt:+ -L identity.lua}->$w"
        ref=$fa_dir/ref.$w out=$fa_dir/out.$w
        # shellcheck disable=SC2086
        total=$(SZ_TEST_COUNT_ALLOC=1 "$SAMIZDAT" -q $fa_opt -t $w -o "$ref" "$src" 2>&1 |
                sed -n 's/^samizdat: \([0-9]*\) allocations$/\1/p')
        if [ -z "$total" ]; then fail "failalloc $name: no allocation count"; continue; fi
        bad="" n=1
        while [ $n -le "$total" ]; do
            rm -f "$out" "$out".tmp-*
            # shellcheck disable=SC2086
            SZ_TEST_FAIL_ALLOC=$n "$SAMIZDAT" -q $fa_opt -t $w -o "$out" "$src" 2>"$fa_dir/err"
            rc=$?
            fa_runs=$((fa_runs + 1))
            if grep -q 'Sanitizer\|runtime error' "$fa_dir/err"; then
                bad="allocation $n: $(grep -m1 'ERROR\|runtime error' "$fa_dir/err")"
            elif [ $rc -eq 0 ]; then
                cmp -s "$ref" "$out" || bad="allocation $n: exit 0 with a different output"
            elif [ $rc -ne 86 ]; then
                bad="allocation $n: exit $rc: $(head -c 200 "$fa_dir/err")"
            elif ! grep -q "error: out of memory" "$fa_dir/err"; then
                bad="allocation $n: exit 86 without saying out of memory"
            elif ls "$out" "$out".tmp-* >/dev/null 2>&1; then
                bad="allocation $n: an output or temporary file is left"
            fi
            [ -n "$bad" ] && break
            n=$((n + fa_stride))
        done
        if [ -n "$bad" ]; then fail "failalloc $name: $bad"; else
            pass "failalloc $name: $total allocations, every ${fa_stride}th made to fail"; fi
    done
done
