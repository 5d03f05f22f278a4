#!/bin/sh
# tests/bench/run.sh — runs every benchmark tests/bench/*.sh (but itself and
# lib.sh, which benchmarks source).
# Benchmarks print figures, not PASS/FAIL; tests/bench/RESULTS.md keeps them.
cd "$(dirname "$0")/../.." || exit 1
rc=0
for b in tests/bench/*.sh; do
    case $(basename "$b") in run.sh | lib.sh) continue ;; esac
    echo "== $b"
    sh "$b" || rc=1
done
exit $rc
