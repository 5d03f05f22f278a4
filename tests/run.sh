#!/bin/sh
# tests/run.sh — runs every test: the C unit tests and each tests/*/suite.sh,
# first with build/samizdat, then with the ASan+UBSan build.  Each test prints
# "PASS name", "FAIL name: why" or "SKIP name: why"; the last line of the run
# is "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
LOG=$ROOT/build/test-log.txt
mkdir -p build
: > "$LOG"
export SZ_ROOT="$ROOT"
export SZ_SHARED="${SZ_SHARED:-$ROOT/../shared}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99"

run_pass() {
    tag=$1 bin=$2 units=$3
    export SAMIZDAT="$ROOT/$bin" SZ_TAG="$tag"
    for t in "$units"/test_*; do
        [ -x "$t" ] || continue
        "$t" 2>&1 | sed "s/^\(PASS\|FAIL\|SKIP\) /\1 [$tag] /" | tee -a "$LOG" | grep -v '^PASS'
    done
    for s in tests/*/suite.sh; do
        [ -f "$s" ] || continue
        name=$(basename "$(dirname "$s")")
        out=$(mktemp)
        timeout 600 sh "$s" >"$out" 2>&1
        rc=$?
        sed "s/^\(PASS\|FAIL\|SKIP\) /\1 [$tag] /" "$out" | tee -a "$LOG" | grep -E '^(FAIL|SKIP)'
        if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$out"; then
            echo "FAIL [$tag] $name: suite exited $rc" | tee -a "$LOG"
        fi
        rm -f "$out"
    done
}

run_pass release build/samizdat build/tests
if [ -x build-asan/samizdat ]; then
    export SZ_ASAN=1
    run_pass asan build-asan/samizdat build-asan/tests
fi

pass=$(grep -c '^PASS' "$LOG")
fail=$(grep -c '^FAIL' "$LOG")
skip=$(grep -c '^SKIP' "$LOG")
echo "log: build/test-log.txt"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
