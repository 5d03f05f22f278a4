#!/bin/sh
# tests/bench/speed.sh — samizdat against pandoc 2.17 in the same run, by
# whole-process CPU time (user + system, tests/bench/cpu.py), for every
# writer and reader; instruction counts per MB (valgrind's callgrind), which
# repeat on a busy machine where times do not; peak memory.
#
# The files:
#   BOOKS  8 books of ../shared/corpus/gutenberg: sorted by size, largest
#          first, every 12th from the 5th (the 5th, 17th, ... 89th).
#   CORPUS every book of the corpus (101).  pandoc needs minutes per format
#          on it, so the whole-corpus ratio divides samizdat's throughput on
#          CORPUS by pandoc's on BOOKS (the same run's figure).
#   War and Peace (2600-0.txt) as pandoc Markdown (made by pandoc from
#          samizdat's JSON of it) and as pandoc JSON (pandoc -f markdown
#          -t json of the text), for the Markdown and JSON readers.
# samizdat and pandoc runs alternate (cpu.py --pair); each file's time is
# the least of SZ_BENCH_RUNS runs (5) for samizdat, of SZ_BENCH_PANDOC_RUNS
# (2) for pandoc (whose runs take seconds and vary less in proportion).  SZ_BENCH_NO_PANDOC=1 leaves pandoc
# out (samizdat's figures and instruction counts only); SZ_BENCH_PARTS
# chooses among "writers readers startup ir" (all four).
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
S=${SAMIZDAT:-$ROOT/build/samizdat}
C=${SZ_SHARED:-$ROOT/../shared}/corpus/gutenberg
RUNS=${SZ_BENCH_RUNS:-5}
PRUNS=${SZ_BENCH_PANDOC_RUNS:-2}
CPU="python3 $ROOT/tests/bench/cpu.py"
PARTS=${SZ_BENCH_PARTS:-writers readers startup ir}
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
if [ ! -d "$C" ]; then echo "speed: SKIP ($C not found)"; exit 0; fi
[ -x "$S" ] || { echo "speed: build $S first (make)"; exit 1; }
command -v pandoc >/dev/null || sh tests/deps.sh pandoc || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000

ls -S "$C"/*.txt | awk 'NR >= 5 && (NR - 5) % 12 == 0' | head -8 > "$T/books"
ls "$C"/*.txt > "$T/corpus"
bytes() { cat $(cat "$1") | wc -c; }
b_books=$(bytes "$T/books")
b_corpus=$(bytes "$T/corpus")
echo "BOOKS: $(wc -l < "$T/books") files, $b_books bytes: $(xargs -n1 basename < "$T/books" | tr '\n' ' ')"
echo "CORPUS: $(wc -l < "$T/corpus") files, $b_corpus bytes"
echo "pandoc: $(pandoc --version | head -1); runs per file (least taken): samizdat $RUNS, pandoc $PRUNS"

# samizdat's and pandoc's command for a writer: {} is the file.
sz_cmd() {
    case $1 in
    epub) echo "$S -q -f essay -t epub -M lang=en {} -o $T/sz.epub" ;;
    *) echo "$S -q -f essay -t $1 {}" ;;
    esac
}
pd_cmd() {
    case $1 in
    epub) echo "pandoc -f markdown -t epub3 {} -o $T/pd.epub" ;;
    tei) echo "pandoc -f markdown -t tei -s {}" ;;
    *) echo "pandoc -f markdown -t $1 {}" ;;
    esac
}

# row NAME BYTES CPU PEAK_KB: a table row.
row() {
    awk -v n="$1" -v b="$2" -v s="$3" -v r="$4" 'BEGIN {
        printf "| %s | %.2f MB | %.3f s | %.2f MB/s | %.1f MB |\n", n, b / 1e6, s, b / 1e6 / s, r / 1024 }'
}
ratio() {   # ratio LABEL BYTES_A CPU_A BYTES_B CPU_B TARGET
    awk -v l="$1" -v ba="$2" -v sa="$3" -v bb="$4" -v sb="$5" -v t="$6" 'BEGIN {
        x = (ba / sa) / (bb / sb);
        printf "ratio %s: %.0fx (target >= %dx: %s)\n", l, x, t, (x >= t ? "met" : "NOT met") }'
}
memcheck() {  # memcheck LABEL PEAK_KB INPUT_BYTES
    awk -v l="$1" -v r="$2" -v b="$3" 'BEGIN {
        lim = 3 * b / 1024 + 10240;
        printf "memory %s: peak %.1f MB, limit 3 x input + 10 MB = %.1f MB: %s\n",
            l, r / 1024, lim / 1024, (r <= lim ? "met" : "NOT met") }'
}
biggest=$(ls -S "$C"/*.txt | head -1)
b_biggest=$(wc -c < "$biggest")

touch "$T/summary"
part writers && echo && echo "## Writers (plain-text reader), CPU time" &&
    echo "| run | input | CPU | throughput | peak RSS |" && echo "| --- | --- | --- | --- | --- |"
part writers && for w in plain tei epub json; do
    target=100; [ $w = epub ] && target=60
    if [ "${SZ_BENCH_NO_PANDOC:-0}" != 1 ]; then
        set -- $($CPU --pair "$RUNS" "$PRUNS" -- $(sz_cmd $w) -- $(pd_cmd $w) < "$T/books")
        row "samizdat -t $w, BOOKS" "$b_books" "$1" "$2"
        row "pandoc -f markdown -t $w, BOOKS" "$b_books" "$3" "$4"
        pd=$3 sz8=$1
    else
        set -- $($CPU "$RUNS" -- $(sz_cmd $w) < "$T/books")
        row "samizdat -t $w, BOOKS" "$b_books" "$1" "$2"
        pd="" sz8=$1
    fi
    set -- $($CPU "$RUNS" -- $(sz_cmd $w) < "$T/corpus")
    row "samizdat -t $w, CORPUS" "$b_corpus" "$1" "$2"
    peak=$2 szc=$1
    if [ -n "$pd" ]; then
        ratio "$w, BOOKS (same files)" "$b_books" "$sz8" "$b_books" "$pd" $target >> "$T/summary"
        ratio "$w, CORPUS / pandoc on BOOKS" "$b_corpus" "$szc" "$b_books" "$pd" $target >> "$T/summary"
    fi
    memcheck "-t $w, CORPUS (largest book $b_biggest bytes)" "$peak" "$b_biggest" >> "$T/summary"
done

# The readers of Markdown and pandoc JSON, on War and Peace.
W=$C/2600-0.txt
"$S" -q "$W" -t json --pandoc-api 1.22 | pandoc -f json -t markdown -o "$T/wp.md"
pandoc -f markdown -t json "$W" -o "$T/wp.json"
echo 'function Str(el) return nil end' > "$T/nil.lua"
part readers && echo && echo "## Readers (War and Peace), CPU time" &&
    echo "| run | input | CPU | throughput | peak RSS |" && echo "| --- | --- | --- | --- | --- |"
rd() {  # rd LABEL FILE TARGET SZ_ARGS -- PD_ARGS
    label=$1 file=$2 target=$3; shift 3
    b=$(wc -c < "$file")
    echo "$file" > "$T/one"
    if [ "${SZ_BENCH_NO_PANDOC:-0}" != 1 ]; then
        set -- $($CPU --pair "$RUNS" "$PRUNS" -- "$@" < "$T/one")
        row "samizdat $label" "$b" "$1" "$2"
        row "pandoc $label" "$b" "$3" "$4"
        ratio "$label" "$b" "$1" "$b" "$3" "$target" >> "$T/summary"
    else
        set -- $($CPU "$RUNS" -- $(echo "$@" | sed 's/ -- .*//') < "$T/one")
        row "samizdat $label" "$b" "$1" "$2"
    fi
    memcheck "$label" "$2" "$b" >> "$T/summary"
}
part readers && rd "-f markdown -t json" "$T/wp.md" 40 "$S" -q -f markdown -t json {} -- pandoc -f markdown -t json {}
part readers && rd "-f json -t plain" "$T/wp.json" 30 "$S" -q -f json -t plain {} -- pandoc -f json -t plain {}
part readers && rd "-f json -t plain, Str filter returning nil" "$T/wp.json" 20 \
    "$S" -q -f json -t plain -L "$T/nil.lua" {} -- pandoc -f json -t plain -L "$T/nil.lua" {}

# Start-up, and the essay to EPUB.
: > "$T/empty.txt"
E=${SZ_SHARED:-$ROOT/../shared}/essay/essay.txt
part startup && set -- $(echo "$T/empty.txt" | $CPU 20 -- "$S" -q {} -t plain) &&
awk -v s="$1" 'BEGIN { printf "start-up (empty input to plain text, least of 20 runs): %.2f ms CPU (target < 2 ms)\n", s * 1000 }' >> "$T/summary"
if part startup && [ -f "$E" ]; then
    set -- $(echo "$E" | $CPU 20 -- "$S" -q {} -t epub -M lang=en -o "$T/e.epub")
    awk -v s="$1" 'BEGIN { printf "essay (5.6 kB) to EPUB (least of 20 runs): %.2f ms CPU (target < 5 ms)\n", s * 1000 }' >> "$T/summary"
fi
echo
cat "$T/summary"

# Instructions per MB (callgrind; about 50x slower than a plain run).
if part ir && command -v valgrind >/dev/null 2>&1; then
    echo
    echo "## Instructions (valgrind --tool=callgrind), BOOKS one process each"
    echo "| run | instructions | per MB of input | in zlib |"
    echo "| --- | --- | --- | --- |"
    ir() {  # ir LABEL BYTES FILES CMD... : total Ir over the files
        label=$1 b=$2 list=$3; shift 3
        tot=0 z=0
        while read -r f; do
            cmd=$(echo "$*" | sed "s|{}|$f|g")
            valgrind --tool=callgrind --callgrind-out-file="$T/cg" $cmd >/dev/null 2>"$T/cg.err"
            n=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$T/cg.err")
            zl=$(callgrind_annotate --threshold=100 "$T/cg" 2>/dev/null | awk '/libz\.so/ { gsub(",", "", $1); s += $1 } END { print s + 0 }')
            tot=$((tot + ${n:-0})) z=$((z + zl))
        done < "$list"
        awk -v l="$label" -v n="$tot" -v b="$b" -v z="$z" 'BEGIN {
            printf "| %s | %.0f M | %.1f M/MB | %s |\n", l, n / 1e6, n / 1e6 / (b / 1e6),
                (z > 0 ? sprintf("%.0f%%", 100 * z / n) : "—") }'
    }
    for w in plain tei epub json; do
        ir "samizdat -t $w" "$b_books" "$T/books" $(sz_cmd $w)
    done
    echo "$T/wp.md" > "$T/one"
    ir "samizdat -f markdown -t json (War and Peace)" "$(wc -c < "$T/wp.md")" "$T/one" "$S" -q -f markdown -t json {}
    echo "$T/wp.json" > "$T/one"
    ir "samizdat -f json -t plain (War and Peace)" "$(wc -c < "$T/wp.json")" "$T/one" "$S" -q -f json -t plain {}
    echo "$T/empty.txt" > "$T/one"
    ir "samizdat, empty input to plain text (start-up)" 1000000 "$T/one" "$S" -q {} -t plain
fi
