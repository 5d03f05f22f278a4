#!/bin/sh
# tests/run.sh — runs every test: the C unit tests and each tests/*/suite.sh,
# with build/samizdat (the release pass) and, when it is built, with the
# ASan+UBSan build (the asan pass).  Each test prints "PASS name",
# "FAIL name: why" or "SKIP name: why"; the last line of the run is
# "N passed, N failed, N skipped".
#
# The tests of both passes run SZ_JOBS at a time (default: the number of
# cores), the longest first by the times of the last run
# (build/test-times.txt); each keeps its output apart, and the log
# build/test-log.txt is written in a fixed order (release, then asan; unit
# tests, then suites by name), as if they had run one after another.
# Suites that mostly wait (cluster: Slurm's daemons) run beside them.
# SZ_JOBS=1 runs one test at a time.
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
OUT=$ROOT/build/test-out
export SZ_ROOT="$ROOT"
export SZ_SHARED="${SZ_SHARED:-$ROOT/../shared}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99"

# one TAG KIND NAME: runs one test of one pass into $OUT/TAG.KIND.NAME.out
# and its wall-clock seconds into .time; prints its FAIL and SKIP lines.
one() {
    tag=$1 kind=$2 name=$3
    if [ "$tag" = asan ]; then
        export SAMIZDAT="$ROOT/build-asan/samizdat" SZ_ASAN=1
        units=build-asan/tests
    else
        export SAMIZDAT="$ROOT/build/samizdat"
        unset SZ_ASAN
        units=build/tests
    fi
    export SZ_TAG="$tag"
    f=$OUT/$tag.$kind.$name
    t0=$(date +%s.%N)
    if [ "$kind" = unit ]; then
        "$units/$name" >"$f.raw" 2>&1
        rc=0    # a unit test's verdicts are its PASS and FAIL lines
    else
        timeout 600 sh "tests/$name/suite.sh" >"$f.raw" 2>&1
        rc=$?
    fi
    t1=$(date +%s.%N)
    sed "s/^\(PASS\|FAIL\|SKIP\) /\1 [$tag] /" "$f.raw" >"$f.out"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL' "$f.raw"; then
        echo "FAIL [$tag] $name: suite exited $rc" >>"$f.out"
    fi
    rm -f "$f.raw"
    echo "$t0 $t1" | awk -v k="$tag $name" '{ printf "%s %.1f\n", k, $2 - $1 }' >"$f.time"
    grep -E '^(FAIL|SKIP)' "$f.out"
}
if [ "$1" = --one ]; then
    shift
    one "$@"
    exit 0
fi

# The tests: "TAG KIND NAME" lines in the order of the log.
passes="release"
[ -x build-asan/samizdat ] && passes="release asan"
rm -rf "$OUT" && mkdir -p "$OUT"
: >"$OUT/all"
for tag in $passes; do
    units=build/tests
    [ "$tag" = asan ] && units=build-asan/tests
    for t in "$units"/test_*; do
        [ -x "$t" ] && echo "$tag unit ${t##*/}" >>"$OUT/all"
    done
    for s in tests/*/suite.sh; do
        [ -f "$s" ] || continue
        s=${s#tests/}
        echo "$tag suite ${s%/suite.sh}" >>"$OUT/all"
    done
done

# tests/epub's one-JVM epubcheck wrapper, compiled once before suites that
# use it run side by side.
J=tests/epub/EpubCheckBatch.java C=build/epubcheck
if command -v javac >/dev/null 2>&1 && [ -f /usr/share/java/epubcheck.jar ] && [ -f "$J" ] &&
    { [ ! -f "$C/EpubCheckBatch.class" ] || [ "$J" -nt "$C/EpubCheckBatch.class" ]; }; then
    mkdir -p "$C" && javac -d "$C" -cp /usr/share/java/epubcheck.jar "$J"
fi

# Longest first: by the last run's seconds, else by these (CPU seconds,
# 2026-12), else as short; the waiting suites apart.
TIMES=$ROOT/build/test-times.txt
waiting=" cluster "
guess="release pathological 66 asan pathological 45 release essay 44 asan epub-read 34 \
release html 29 release epub-read 28 release batch 26 asan batch 24 asan fuzz 21 \
release tei 13 release epub 11 asan tei 11 asan test_json 10 release fuzz 9"
[ -f "$TIMES" ] || : >"$TIMES"
awk -v w="$waiting" -v g="$guess" '
     BEGIN { n = split(g, a); for (i = 1; i < n; i += 3) t[a[i] " " a[i + 1]] = a[i + 2] }
     FILENAME == ARGV[1] { t[$1 " " $2] = $3; next }
     { k = $1 " " $3; s = (k in t) ? t[k] : 5
       if (index(w, " " $3 " ")) print > "/dev/stderr"; else printf "%09.1f %s\n", s, $0 }' \
    "$TIMES" "$OUT/all" \
    2>"$OUT/beside" | sort -r | cut -d' ' -f2- >"$OUT/queue"

JOBS=${SZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
while read -r line; do
    # shellcheck disable=SC2086
    sh tests/run.sh --one $line &
done <"$OUT/beside"
xargs -P "$JOBS" -L 1 sh tests/run.sh --one <"$OUT/queue"
wait

LOG=$ROOT/build/test-log.txt
: >"$LOG"
: >"$TIMES.new"
while read -r tag kind name; do
    cat "$OUT/$tag.$kind.$name.out" >>"$LOG"
    cat "$OUT/$tag.$kind.$name.time" >>"$TIMES.new"
done <"$OUT/all"
mv "$TIMES.new" "$TIMES"

pass=$(grep -c '^PASS' "$LOG")
fail=$(grep -c '^FAIL' "$LOG")
skip=$(grep -c '^SKIP' "$LOG")
echo "log: build/test-log.txt, seconds per test: build/test-times.txt"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
