#!/bin/sh
# tests/bench/run.sh — runs every benchmark tests/bench/*.sh (but itself).
# Benchmarks print figures, not PASS/FAIL; tests/bench/RESULTS.md keeps them.
cd "$(dirname "$0")/../.." || exit 1
rc=0
for b in tests/bench/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "== $b"
    sh "$b" || rc=1
done
exit $rc
