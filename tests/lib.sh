# tests/lib.sh — sourced by every tests/*/suite.sh.
# $SAMIZDAT is the binary under test, $SZ_ROOT the checkout, $SZ_SHARED the
# shared corpus folder (may be absent), $SZ_ASAN=1 under the sanitizer build.
: "${SZ_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SAMIZDAT:=$SZ_ROOT/build/samizdat}"
: "${SZ_SHARED:=$SZ_ROOT/../shared}"
SZ_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-test.XXXXXX")
trap 'rm -rf "$SZ_TMP"' EXIT

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; }
skip() { echo "SKIP $*"; }

# check NAME CMD...: passes when CMD exits 0.
check() {
    name=$1; shift
    if "$@" >"$SZ_TMP/check.out" 2>&1; then pass "$name"; else
        fail "$name: $(head -c 300 "$SZ_TMP/check.out" | tr '\n' ' ')"; fi
}

# check_same NAME EXPECTED_FILE ACTUAL_FILE: byte equality, diff on failure.
check_same() {
    if cmp -s "$2" "$3"; then pass "$1"; else
        fail "$1: differs from $2: $(diff "$2" "$3" | head -5 | tr '\n' ' ')"; fi
}

# check_exit NAME CODE CMD...: passes when CMD exits with CODE and did not
# crash (no sanitizer report, no signal).
check_exit() {
    name=$1 want=$2; shift 2
    "$@" >"$SZ_TMP/exit.out" 2>"$SZ_TMP/exit.err"
    got=$?
    if [ "$got" -eq "$want" ] && ! grep -q 'Sanitizer' "$SZ_TMP/exit.err"; then pass "$name"; else
        fail "$name: exit $got, wanted $want: $(head -c 300 "$SZ_TMP/exit.err" | tr '\n' ' ')"; fi
}

have_shared() { [ -d "$SZ_SHARED/corpus/gutenberg" ]; }
