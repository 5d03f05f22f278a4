#!/bin/sh
# tests/bench/html.sh — the HTML and EPUB readers against pandoc's, by
# whole-process CPU time (user+sys, the least of SZ_BENCH_RUNS runs, 3) in the
# same run, and peak memory:
#   html: paired HTML editions of ../shared/corpus/paired, -f html -t json;
#   epub: EPUBs of ../shared/corpus/gutenberg books made by samizdat, -f epub
#         -t json.
# Memory is given as the peak RSS and, per byte of input, as what it adds
# to two baselines: reading an empty document (the program itself: Lua,
# libxml2 with the ICU it loads; for -f epub an empty EPUB, which adds
# libzip and the libcrypto it loads, 2 MB), and reading a small page (tests/html/inputs/
# gutenberg.html, 1.8 KB: headings, notes, a poem, page numbers), which also
# counts the fixed costs any document pays once: the code pages of the
# reader and writer, the tree's first 64 KB arena chunk, libxml2's parser
# buffers and the JSON writer's 16 KB output buffer.  The RSS of one program
# varies by a few hundred KB from run to run: small files' ratios are rough.
. "$(dirname "$0")/lib.sh"
bench_start html paired
# bench KIND FILE: one line per book; totals go to $TMP/KIND.tot
bench() {
    kind=$1 f=$2
    size=$(wc -c < "$f")
    least "$TMP/s" "$SAMIZDAT" -q -f "$kind" -t json -o "$TMP/out.json" "$f" || return
    least "$TMP/p" pandoc -f "$kind" -t json -o "$TMP/out.json" "$f" || return
    read -r st sm < "$TMP/s"
    read -r pt pm < "$TMP/p"
    echo "$st $pt $size $sm" >> "$TMP/$kind.tot"
    # an EPUB's members inflate to 2-3 times its size: what reading adds is
    # also given per byte of what it holds
    inflated=$size
    [ "$kind" = epub ] && inflated=$(python3 -c 'import sys, zipfile
print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$f")
    awk -v b="$(basename "$f")" -v z="$size" -v st="$st" -v sm="$sm" -v pt="$pt" -v pm="$pm" \
        -v base="$base" -v fix="$fixed" -v fz="$fsize" -v k="$kind" -v zi="$inflated" \
        -v ebase="$ebase" 'BEGIN {
        extra = k == "epub" ? sprintf("; +%.1f x over an empty EPUB; +%.1f x its %.2f MB inflated",
                                      (sm - ebase) * 1024 / z, (sm - base) * 1024 / zi, zi / 1048576) : ""
        printf "%s: %s (%.2f MB): samizdat %.2f s %.1f MB (+%.1f x input; +%.1f x over the small page%s), pandoc %.2f s %d MB: %s\n",
               k, b, z / 1048576, st, sm / 1024, (sm - base) * 1024 / z,
               (sm - fix) * 1024 / (z - fz), extra, pt, pm / 1024,
               (st > 0 ? sprintf("%.0fx", pt / st) : "under 0.01 s") }'
}
printf '<p>x</p>\n' > "$TMP/empty.html"
least "$TMP/b" "$SAMIZDAT" -q -f html -t json -o "$TMP/out.json" "$TMP/empty.html"
read -r _ base < "$TMP/b"
small=tests/html/inputs/gutenberg.html
fsize=$(wc -c < "$small")
least "$TMP/b" "$SAMIZDAT" -q -f html -t json -o "$TMP/out.json" "$small"
read -r _ fixed < "$TMP/b"
echo "html: an empty document: peak RSS $base kB; the small page ($fsize bytes): $fixed kB"
for b in 1023 145 2701 4300 11 1952 60373 60405 34811 2554; do
    f=$SHARED/corpus/paired/$b/$b.htm
    [ -f "$f" ] && bench html "$f"
done
total() {
    [ -f "$TMP/$1.tot" ] && awk -v k="$1" '{ s += $1; p += $2; z += $3; if ($4 > m) m = $4 }
        END { printf "%s: all %d books: samizdat %.2f s, pandoc %.2f s: %.0fx pandoc CPU\n",
              k, NR, s, p, (s > 0 ? p / s : 0) }' "$TMP/$1.tot"
}
total html
if sz_has_epub=$("$SAMIZDAT" --list-input-formats 2>/dev/null | grep -x epub) && [ -n "$sz_has_epub" ]; then
    printf 'x\n' > "$TMP/empty.txt"
    "$SAMIZDAT" -q "$TMP/empty.txt" -o "$TMP/empty.epub"
    least "$TMP/b" "$SAMIZDAT" -q -f epub -t json -o "$TMP/out.json" "$TMP/empty.epub"
    read -r _ ebase < "$TMP/b"
    echo "epub: an empty EPUB: peak RSS $ebase kB"
    for b in 11-0 2600-0 2701-0 145-0 4300-0; do
        src=$SHARED/corpus/gutenberg/$b.txt
        [ -f "$src" ] || continue
        "$SAMIZDAT" -q "$src" -o "$TMP/$b.epub" || continue
        bench epub "$TMP/$b.epub"
    done
    total epub
fi
