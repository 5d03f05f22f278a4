#!/bin/sh
# tests/bench/lib.sh — sourced by the benchmarks that race a reader against
# pandoc's (html.sh, markdown.sh): the checkout as the working folder, the
# binary, the corpus folder, SZ_BENCH_RUNS, a temporary folder, least().
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
SHARED=${SZ_SHARED:-../shared}
RUNS=${SZ_BENCH_RUNS:-3}
# How least() prints the CPU seconds.
LEAST_FMT=${LEAST_FMT:-%.3f}

# bench_start NAME CORPUS: exits with a SKIP line when ../shared/corpus/CORPUS,
# pandoc or /usr/bin/time is missing; otherwise makes $TMP.
bench_start() {
    if [ ! -d "$SHARED/corpus/$2" ]; then
        echo "$1: SKIP (no corpus in $SHARED/corpus/$2)"; exit 0
    fi
    if ! command -v pandoc >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
        echo "$1: SKIP (needs pandoc and /usr/bin/time)"; exit 0
    fi
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
    trap 'rm -rf "$TMP"' EXIT
}

least() {   # least OUT CMD... : "cpu-seconds peak-kB" of the fastest run
    out=$1; shift
    : > "$TMP/runs"
    i=0
    while [ $i -lt "$RUNS" ]; do
        /usr/bin/time -f '%U %S %M' -o "$TMP/time" "$@" > /dev/null 2> "$TMP/err" ||
            { echo "FAIL: $(head -c 200 "$TMP/err")"; return 1; }
        awk -v f="$LEAST_FMT %d\n" '{ printf f, $1 + $2, $3 }' "$TMP/time" >> "$TMP/runs"
        i=$((i + 1))
    done
    sort -n "$TMP/runs" | head -1 > "$out"
}
