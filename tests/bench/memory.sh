#!/bin/sh
# tests/bench/memory.sh — peak memory of the HTML and EPUB readers against
# the size of their input, over every input size the corpus has:
#   html: every paired HTML edition of ../shared/corpus/paired, -f html -t json;
#   epub: the EPUB samizdat writes of every ../shared/corpus/gutenberg book,
#         -f epub -t json.
# Peak memory is the peak RSS /usr/bin/time reports (one run each: it varies
# by a few hundred KB from run to run).  For each reader it prints the
# program's floor (the peak RSS reading a one-paragraph page or a
# one-paragraph EPUB), and, when gdb is installed, what that floor is made
# of: the pages of the shared libraries and of samizdat's own code that are
# mapped from their files (clean: shared with every process that maps them)
# and the memory the process has written (private: heap, stack, relocated
# data).  Then one line per input, sorted by size: peak RSS, peak / input,
# and (peak - floor) / input, the memory reading adds per byte; for an EPUB
# also per byte of what its members inflate to.  Last, for each reader, the
# size from which peak / input <= 5 holds for every larger input, and the
# most that reading adds per input byte over inputs of 0.5 MB and up.
# The corpus's EPUBs are all small (1.3 MB at most), where the floor is most
# of the peak; to show how the peak grows past them, the EPUB reader also
# reads EPUBs of the corpus books joined into texts of 5, 10, 20 and 40 MB.
#   sh tests/bench/memory.sh            # all inputs (about 60 s)
#   SZ_MEM_VERBOSE=0 sh tests/bench/memory.sh   # the summary lines only
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
SHARED=${SZ_SHARED:-../shared}
VERBOSE=${SZ_MEM_VERBOSE:-1}
if [ ! -x /usr/bin/time ]; then
    echo "memory: SKIP (needs /usr/bin/time)"; exit 0
fi
if [ ! -d "$SHARED/corpus/paired" ] || [ ! -d "$SHARED/corpus/gutenberg" ]; then
    echo "memory: SKIP (no corpus in $SHARED/corpus)"; exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-mem.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

peak() {   # peak FORMAT FILE: the peak RSS in kB of reading FILE to JSON
    /usr/bin/time -f '%M' -o "$TMP/time" "$SAMIZDAT" -q -f "$1" -t json -o "$TMP/out.json" "$2" \
        2>"$TMP/err" || { echo "memory: FAIL $2: $(head -c 200 "$TMP/err")" >&2; return 1; }
    cat "$TMP/time"
}

# floor KIND FILE: the floor's peak RSS and, with gdb, its parts at exit
floor() {
    kb=$(peak "$1" "$2") || exit 1
    echo "$1: floor (a one-paragraph document, $(wc -c <"$2") bytes): peak RSS $kb kB"
    command -v gdb >/dev/null 2>&1 || return 0
    cat >"$TMP/smaps.gdb" <<'EOF'
set pagination off
catch syscall exit_group
run
python
import gdb, os
maps = {}
cur = None
for line in open('/proc/%d/smaps' % gdb.selected_inferior().pid):
    f = line.split()
    if len(f) >= 5 and '-' in f[0] and not f[0].endswith(':'):
        cur = os.path.basename(f[5]) if len(f) > 5 and f[5].startswith('/') else 'anonymous'
    elif f[0] in ('Rss:', 'Private_Dirty:'):
        m = maps.setdefault(cur, [0, 0])
        m[f[0] != 'Rss:'] += int(f[1])
rss = sum(v[0] for v in maps.values())
dirty = sum(v[1] for v in maps.values())
big = sorted(((v[0], k) for k, v in maps.items() if v[0] >= 200), reverse=True)
print("  at exit %d kB resident: %d kB clean pages mapped from files (%s), %d kB private"
      % (rss, rss - dirty, ", ".join("%s %d" % (k, v) for v, k in big), dirty))
end
kill
quit
EOF
    gdb -q -batch -x "$TMP/smaps.gdb" --args "$SAMIZDAT" -q -f "$1" -t json -o "$TMP/out.json" "$2" \
        2>/dev/null | grep '^  at exit'
}

# row KIND FILE: "size peak inflated name" into $TMP/KIND.rows (KIND is the
# format, or the format, a dash and a name for another set of inputs)
row() {
    size=$(wc -c <"$2")
    kb=$(peak "${1%%-*}" "$2") || return
    inflated=$size
    [ "${1%%-*}" = epub ] && inflated=$(python3 -c 'import sys, zipfile
print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$2")
    echo "$size $kb $inflated $(basename "$2")" >>"$TMP/$1.rows"
}

# report KIND FLOOR: the table, then the summary
report() {
    sort -n "$TMP/$1.rows" | awk -v k="$1" -v fl="$2" -v v="$VERBOSE" '
    { z[NR] = $1; m[NR] = $2; zi[NR] = $3; n[NR] = $4 }
    END {
        for (i = 1; i <= NR; i++) {
            r = m[i] * 1024 / z[i]; a = (m[i] - fl) * 1024 / z[i]
            if (v == 1)
                printf "%s: %s %.3f MB: peak %.1f MB = %.2f x input; +%.2f x input over the floor%s\n",
                       k, n[i], z[i] / 1048576, m[i] / 1024, r, a,
                       (k ~ /^epub/ ? sprintf("; +%.2f x its %.2f MB inflated", (m[i] - fl) * 1024 / zi[i], zi[i] / 1048576) : "")
        }
        # the smallest input from which every larger one is within 5 x
        from = 0
        for (i = NR; i >= 1; i--) { if (m[i] * 1024 / z[i] > 5) break; from = i }
        if (from)
            printf "%s: peak <= 5 x input for every input of %.2f MB and up (%d of %d inputs; the largest below it: %s %.2f MB at %.2f x)\n",
                   k, z[from] / 1048576, NR - from + 1, NR, n[from - 1], z[from - 1] / 1048576, m[from - 1] * 1024 / z[from - 1]
        else
            printf "%s: peak <= 5 x input for none of %d inputs (the largest, %s %.2f MB: %.2f x)\n",
                   k, NR, n[NR], z[NR] / 1048576, m[NR] * 1024 / z[NR]
        worst = 0; wi = 0; c = 0
        for (i = 1; i <= NR; i++) if (z[i] >= 524288) {
            c++; a = (m[i] - fl) * 1024 / (k ~ /^epub/ ? zi[i] : z[i])
            if (a > worst) { worst = a; wi = i }
        }
        if (c)
            printf "%s: over the floor of %.1f MB, reading adds at most %.2f x %s on the %d inputs of 0.5 MB and up (%s)\n",
                   k, fl / 1024, worst, (k ~ /^epub/ ? "what the EPUB inflates to" : "the input"), c, n[wi]
    }'
}

printf '<p>x</p>\n' >"$TMP/one.html"
floor html "$TMP/one.html"
hfloor=$(peak html "$TMP/one.html")
for f in "$SHARED"/corpus/paired/*/*.htm "$SHARED"/corpus/paired/*/*.html; do
    [ -f "$f" ] && row html "$f"
done
report html "$hfloor"

printf 'x\n' >"$TMP/one.txt"
"$SAMIZDAT" -q "$TMP/one.txt" -o "$TMP/one.epub"
floor epub "$TMP/one.epub"
efloor=$(peak epub "$TMP/one.epub")
for f in "$SHARED"/corpus/gutenberg/*.txt; do
    b=$(basename "$f" .txt)
    "$SAMIZDAT" -q "$f" -o "$TMP/$b.epub" 2>/dev/null && row epub "$TMP/$b.epub"
done
report epub "$efloor"

# Books larger than any in the corpus: the corpus's texts joined, in the
# order of their names, into texts of 5, 10, 20 and 40 MB, each written as
# an EPUB and read back.
for mb in 5 10 20 40; do
    : >"$TMP/joined.txt"
    for f in "$SHARED"/corpus/gutenberg/*.txt; do
        [ "$(wc -c <"$TMP/joined.txt")" -ge $((mb * 1048576)) ] && break
        # UTF-8 books only, so the joined text has one encoding
        iconv -f utf-8 -t utf-8 "$f" >/dev/null 2>&1 && cat "$f" >>"$TMP/joined.txt"
    done
    "$SAMIZDAT" -q "$TMP/joined.txt" -o "$TMP/joined-${mb}MB.epub" 2>/dev/null \
        && row epub-joined "$TMP/joined-${mb}MB.epub"
done
report epub-joined "$efloor"

