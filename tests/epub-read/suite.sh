#!/bin/sh
# tests/epub-read/suite.sh — the EPUB reader (-f epub): a small book of two
# documents (ids made unique, links between them rewritten, a note across
# files, OPF metadata, NCX naming an untitled chapter, the image kept from
# EPUB to EPUB), EPUB 2's and EPUB 3's creator roles and covers, hostile EPUBs refused naming the member, round trips of
# samizdat's own EPUBs (the essay, the torture document, corpus books),
# pandoc's and calibre's EPUBs of the essay, and batch mode (.epub, .html,
# .htm, .xhtml in a folder, a zip and a tar.gz).
. "$(dirname "$0")/../lib.sh"
R=$SZ_ROOT/tests/epub-read
T=$SZ_TMP
python3 "$R/mkepubs.py" "$T" || fail "epub-read: mkepubs.py"

# --- a small book ---------------------------------------------------------------
"$SAMIZDAT" -t native "$T/small.epub" >"$T/small.native" 2>"$T/err"
check_same "epub-read: small.epub reads to the reviewed tree" "$R/small.native" "$T/small.native"
"$SAMIZDAT" -t native "$T/nav.epub" >"$T/nav.native" 2>"$T/err"
check_same "epub-read: an EPUB 3 book without an NCX: its nav's table of contents names the untitled chapter" \
    "$R/small.native" "$T/nav.native"
"$SAMIZDAT" -f epub "$T/small.epub" -o "$T/again.epub" 2>"$T/err"
check "epub-read: EPUB to EPUB keeps the image" sh -c "unzip -l '$T/again.epub' | grep -q 'media/.*png'"
if [ "${SZ_ASAN:-0}" = 1 ] && [ -x "$SZ_ROOT/build/samizdat" ]; then
    # epubcheck runs in the release pass; the sanitizer build must give the
    # very bytes it checked (the EPUB writer is reproducible).
    SOURCE_DATE_EPOCH=1700000000 "$SAMIZDAT" -f epub "$T/small.epub" -o "$T/again-asan.epub" 2>/dev/null
    SOURCE_DATE_EPOCH=1700000000 "$SZ_ROOT/build/samizdat" -f epub "$T/small.epub" \
        -o "$T/again-release.epub" 2>/dev/null
    check_same "epub-read: EPUB to EPUB is valid (the release build's bytes, which epubcheck checks)" \
        "$T/again-release.epub" "$T/again-asan.epub"
else
    check "epub-read: EPUB to EPUB is valid (epubcheck)" sh -c \
        "java -XX:TieredStopAtLevel=1 -jar /usr/share/java/epubcheck.jar '$T/again.epub' >'$T/check.out' 2>&1 || { cat '$T/check.out'; exit 1; }"
fi

# EPUB 2's opf:role and <meta name="cover">, EPUB 3's refined role and
# cover-image: the metadata by role, and the cover kept from EPUB to EPUB.
for b in epub2 epub3cover; do
    "$SAMIZDAT" -q -f epub -t json "$T/$b.epub" -o "$T/$b.json"
    python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))["meta"]
def t(v):
    return v["c"] if v["t"] == "MetaString" else "".join(x["c"] if x["t"] == "Str" else " " for x in v["c"])
print(" | ".join("%s=%s" % (k, t(m[k])) for k in sorted(m)))' "$T/$b.json" >"$T/$b.meta"
    echo "author=Ann Author | cover-image=OEBPS/img/cover.png | description=A test of EPUB 2. | editor=Ed Editor | identifier=urn:x:2 | illustrator=Ivy Illustrator | lang=en | rights=Public domain | title=Old Book" >"$T/meta.want"
    check_same "epub-read: $b.epub: OPF metadata by role, rights, description, cover" "$T/meta.want" "$T/$b.meta"
    "$SAMIZDAT" -q -f epub "$T/$b.epub" -o "$T/$b.again.epub"
    check "epub-read: $b.epub to EPUB keeps the cover as the cover" sh -c \
        "unzip -p '$T/$b.again.epub' EPUB/content.opf | grep -q 'href=\"media/cover.png\" media-type=\"image/png\" properties=\"cover-image\"'"
done

# --- hostile EPUBs ----------------------------------------------------------------
for c in "traversal:member '../evil.xhtml': path leaves the archive" \
         "absolute:member '/etc/evil.xhtml': absolute path" \
         "symlink:member 'OEBPS/text/link.xhtml': symbolic link" \
         "bomb:member 'OEBPS/text/big.xhtml': compression ratio" \
         "nocontainer:member 'META-INF/container.xml': missing" \
         "notzip:not an EPUB (not a zip archive" \
         "dup:member 'OEBPS/text/c1.xhtml': duplicate member name" \
         "encrypted:member 'OEBPS/text/secret.xhtml': encrypted member" \
         "bzip2:member 'OEBPS/text/c2.xhtml': compressed with a method other than deflate" \
         "forged:member 'OEBPS/text/c2.xhtml': damaged or forged member (checksum error)" \
         "short:member 'OEBPS/text/c2.xhtml': member ends before the size its header declares"; do
    n=${c%%:*} msg=${c#*:}
    check_exit "epub-read: $n.epub is refused" 64 "$SAMIZDAT" -f epub -t native "$T/$n.epub"
    check "epub-read: ... naming what: $msg" grep -qF "$msg" "$SZ_TMP/exit.err"
done

# A member over the 256 MiB limit (257 MiB of zeros, deflated to 266 KB):
# refused by its size in the archive's directory before a byte is inflated,
# so within 2 s and 100 MB of address space (256 MiB could not be held),
# by -f epub, by batch given the EPUB, and by batch given a zip holding it.
lim=
[ "${SZ_ASAN:-0}" = 1 ] || lim='ulimit -v 100000;'   # the sanitizer reserves terabytes
# (the offset is the member's entry in the zip's central directory)
huge="member 'OEBPS/text/huge.xhtml': member of 269484033 bytes exceeds the limit of 268435456 (byte offset 268987)"
check_exit "epub-read: an EPUB with a member over 256 MiB is refused at once, in 100 MB" 64 \
    sh -c "$lim exec timeout 2 \"\$0\" -f epub -t native '$T/huge.epub'" "$SAMIZDAT"
check "epub-read: ... naming the member, its size and the limit: $huge" sh -c \
    "grep -qxF \"\$0\" '$SZ_TMP/exit.err'" "$T/huge.epub: error: $huge"
mkdir -p "$T/hugein" && cp "$T/huge.epub" "$T/hugein/"
check_exit "epub-read: batch refuses the EPUB with a member over 256 MiB (exit 3: a document failed)" 3 \
    sh -c "$lim exec timeout 2 \"\$0\" batch -t native '$T/hugein' -o '$T/hugeout'" "$SAMIZDAT"
check "epub-read: ... naming the member on stderr and in the manifest" sh -c \
    "grep -qF \"failed $T/hugein/huge.epub (\" '$SZ_TMP/exit.err' && grep -qF \"\$0\" '$SZ_TMP/exit.err' &&
     grep -qF '\"status\":\"failed\",\"outputs\":[],\"warnings\":[],\"warnings_total\":0,\"error\":\"$T/hugein/huge.epub: error: '\"\$0\"'\"' '$T/hugeout/manifest.jsonl'" "$huge"
check_exit "epub-read: batch refuses a zip's member over 256 MiB, converts the rest" 3 \
    sh -c "$lim exec timeout 2 \"\$0\" batch -t native '$T/huge.zip' -o '$T/hugezip'" "$SAMIZDAT"
check "epub-read: ... naming the member and --max-size; a.html converted" sh -c \
    "grep -qF 'failed $T/huge.zip:huge.html (' '$SZ_TMP/exit.err' && grep -qF 'member of 269484033 bytes exceeds the limit of 268435456 (--max-size)' '$SZ_TMP/exit.err' && grep -q '^Header 1' '$T/hugezip/huge/a.native'"

# --- how chapters are read: as they inflate, or whole --------------------------
"$SAMIZDAT" -t plain "$T/bytes.epub" -o "$T/bytes.txt" 2>"$T/bytes.err"
check "epub-read: a long chapter with HTML entities after its first 64 KB reads them" \
    grep -qx 'fin été —…' "$T/bytes.txt"
check "epub-read: a long UTF-8 chapter read as it inflates loses no character" \
    sh -c "grep -qx 'the end of c2' '$T/bytes.txt' && [ \$(grep -o '𝄞' '$T/bytes.txt' | wc -l) -eq 30000 ]"
check "epub-read: a long Latin-1 chapter is decoded as it declares" grep -qx 'café in Latin-1' "$T/bytes.txt"
check "epub-read: a stray byte after a long chapter's first 64 KB: warned of, the chapter decoded" \
    sh -c "grep -qx 'a stray ÿ byte' '$T/bytes.txt' && grep -q 'c4.xhtml: warning: input is not valid UTF-8' '$T/bytes.err'"

# --- round trips ------------------------------------------------------------------
rt() {   # rt NAME INPUT: INPUT -> EPUB -> back, same blocks and metadata
    "$SAMIZDAT" -q "$2" -t json -o "$T/$1.json" &&
        "$SAMIZDAT" -q "$2" -o "$T/$1.epub" &&
        "$SAMIZDAT" -q -f epub "$T/$1.epub" -t json -o "$T/$1.back.json" ||
        { fail "epub-read: round trip $1: conversion failed"; return; }
    if python3 "$R/roundtrip.py" "$T/$1.json" "$T/$1.back.json" >"$T/rt.out"; then
        pass "epub-read: round trip $1: $(tail -1 "$T/rt.out")"
    else
        fail "epub-read: round trip $1: $(head -3 "$T/rt.out" | tr '\n' ' ')"
    fi
}
rt essay "$SZ_ROOT/examples/essay.txt"
if have_shared && [ "${SZ_FULL:-0}" = 1 ]; then
    # make check-full: every corpus book (3-4 minutes)
    for f in "$SZ_SHARED"/corpus/gutenberg/*.txt; do
        rt "$(basename "$f" .txt)" "$f"
    done
elif have_shared; then
    # Alice, Moby-Dick, Middlemarch; a numbered list (A Study in Scarlet), a
    # poem's empty line (24675), a book without headings (60392), skipped
    # heading levels (14881)
    for b in 11-0 2701-0 145-0 244-0 24675-8 60392-0 14881; do
        [ -f "$SZ_SHARED/corpus/gutenberg/$b.txt" ] && rt "$b" "$SZ_SHARED/corpus/gutenberg/$b.txt"
    done
else
    skip "epub-read: round trips of corpus books (no $SZ_SHARED/corpus/gutenberg)"
fi
# The torture document: what the EPUB writer repairs (a link to a missing
# id becomes text, a missing image its description, odd ids, a level-7
# heading) cannot come back the same; it must read back, and ...
"$SAMIZDAT" -q "$SZ_ROOT/tests/epub/torture.json" -o "$T/torture.epub" 2>/dev/null
check_exit "epub-read: the torture document's EPUB reads back" 0 \
    "$SAMIZDAT" -q -f epub "$T/torture.epub" -t json -o "$T/torture.json"
# ... written again and read again it is the same: EPUB -> read -> EPUB ->
# read is a fixed point, blocks and metadata, byte for byte ...
"$SAMIZDAT" -q -f json "$T/torture.json" -o "$T/torture2.epub" 2>/dev/null &&
    "$SAMIZDAT" -q -f epub "$T/torture2.epub" -t json -o "$T/torture2.json"
check_same "epub-read: the torture document read back, written and read again, is the same (a fixed point)" \
    "$T/torture.json" "$T/torture2.json"
# ... and differs from the original by the repairs torture.repairs lists,
# each named, and by nothing else.
"$SAMIZDAT" -q -f json "$SZ_ROOT/tests/epub/torture.json" -t native -o "$T/torture.orig.native"
"$SAMIZDAT" -q -f json "$T/torture.json" -t native -o "$T/torture.back.native"
diff "$T/torture.orig.native" "$T/torture.back.native" | sed 's/^[0-9][0-9,]*[acd][0-9,]*$/@@/' >"$T/torture.diff"
grep -v '^#' "$R/torture.repairs" >"$T/torture.want"
check_same "epub-read: the torture document read back differs from it only by the $(grep -c '^@@' "$T/torture.want") repairs of torture.repairs" \
    "$T/torture.want" "$T/torture.diff"
"$SAMIZDAT" -q "$SZ_ROOT/tests/epub/torture.json" -t json -o "$T/torture.orig.json"
python3 - "$T/torture.orig.json" "$T/torture.json" >"$T/tnotes.out" <<'PY' && echo same >>"$T/tnotes.out"
import json, sys
def text(x):
    if isinstance(x, list): return " ".join(filter(None, (text(i) for i in x)))
    if isinstance(x, dict):
        if x.get("t") == "Str": return x["c"]
        if x.get("t") == "Note": return "[note]"
        return text(x.get("c"))
    return ""
def walk(x, notes, heads, in_image=False):
    if isinstance(x, dict):
        if x.get("t") == "Note" and not in_image: notes.append(text(x["c"]))
        if x.get("t") == "Header" and text(x["c"][2]).strip(): heads.append(text(x["c"][2]))
        for v in x.values(): walk(v, notes, heads, in_image or x.get("t") == "Image")
    elif isinstance(x, list):
        for v in x: walk(v, notes, heads, in_image)
got = []
for f in sys.argv[1:]:
    n, h = [], []
    walk(json.load(open(f))["blocks"], n, h)
    got.append((n, h))
(on, oh), (bn, bh) = got
print("%d of %d notes, %d of %d headings" % (len([x for x in on if x in bn]), len(on),
      len([x for x in oh if x in bh]), len(oh)))
sys.exit(0 if on == bn and oh == bh else 1)
PY
check "epub-read: the torture document's notes and headings come back: $(head -1 "$T/tnotes.out")" \
    grep -qx same "$T/tnotes.out"

# --- other producers ----------------------------------------------------------------
# EPUBs of the essay as calibre 6.13 and pandoc 2.17 wrote them, kept here
# so neither is needed to run this: the headings and paragraphs of the
# reviewed tree (tests/essay/essay.native), word for word.  Made with
#   samizdat examples/essay.txt -t html -s -o essay.html
#   ebook-convert essay.html essay-calibre.epub --cover a-small.png
#   samizdat examples/essay.txt -t json --pandoc-api 1.22 -o e.json
#   pandoc -f json e.json -o essay-pandoc.epub
# calibre's: its titlepage.xhtml and cover, each chapter split to its own
# file (essay_split_00N.html), classes calibre1...; pandoc's: its
# title_page.xhtml, nav.xhtml, a section per chapter.
for p in calibre pandoc; do
    if "$SAMIZDAT" -q -f epub "$R/essay-$p.epub" -t json -o "$T/kept-$p.json" 2>"$T/err" &&
        python3 "$R/sameblocks.py" "$SZ_ROOT/tests/essay/essay.native" "$T/kept-$p.json" >"$T/sb.out"; then
        pass "epub-read: $p's EPUB of the essay (kept) reads back with the essay's headings and paragraphs: $(cat "$T/sb.out")"
    else
        fail "epub-read: $p's EPUB of the essay (kept): $(cat "$T/err" "$T/sb.out" 2>/dev/null | head -3 | tr '\n' ' ')"
    fi
done
# And as the installed programs write it today, when they are installed.
# pandoc's EPUB (from samizdat's JSON of the essay) and calibre's (from
# samizdat's HTML of it): the same headings and paragraphs, word for word.
"$SAMIZDAT" -q "$SZ_ROOT/examples/essay.txt" -t json -o "$T/essay.json"
other() {   # other NAME EPUB
    if "$SAMIZDAT" -q -f epub "$2" -t json -o "$T/$1.json" 2>"$T/err" &&
        python3 "$R/sameblocks.py" "$T/essay.json" "$T/$1.json" >"$T/sb.out"; then
        pass "epub-read: $1's EPUB of the essay reads back with its headings and paragraphs: $(cat "$T/sb.out")"
    else
        fail "epub-read: $1's EPUB of the essay: $(cat "$T/err" "$T/sb.out" 2>/dev/null | head -3 | tr '\n' ' ')"
    fi
}
if command -v pandoc >/dev/null 2>&1; then
    "$SAMIZDAT" -q "$SZ_ROOT/examples/essay.txt" -t json --pandoc-api 1.22 -o "$T/e.json"
    pandoc -f json "$T/e.json" -o "$T/pandoc.epub" 2>/dev/null
    other pandoc "$T/pandoc.epub"
else
    skip "epub-read: pandoc's EPUB of the essay (no pandoc)"
fi
if command -v ebook-convert >/dev/null 2>&1; then
    "$SAMIZDAT" -q "$SZ_ROOT/examples/essay.txt" -t html -s -o "$T/e.html"
    # calibre wants a home and a runtime directory; it runs headless
    HOME=$T XDG_RUNTIME_DIR=$T QT_QPA_PLATFORM=offscreen \
        ebook-convert "$T/e.html" "$T/calibre.epub" >"$T/ec.log" 2>&1 ||
        fail "epub-read: ebook-convert failed: $(tail -2 "$T/ec.log" | tr '\n' ' ')"
    other calibre "$T/calibre.epub"
else
    skip "epub-read: calibre's EPUB of the essay (no ebook-convert: apt-get install calibre)"
fi

# --- batch ------------------------------------------------------------------------
mkdir -p "$T/in"
cp "$T/small.epub" "$T/in/"
"$SAMIZDAT" batch -q -t native "$T/in" -o "$T/out" >"$T/b.err" 2>&1
check "epub-read: batch converts an .epub of a folder" grep -q '^Header 1' "$T/out/small.native"
# .html, .htm and .xhtml beside it, in a folder, a zip and a tar.gz
printf '<h1>A</h1><p>a</p>' >"$T/in/a.html"
printf '<h1>B</h1><p>b</p>' >"$T/in/b.htm"
mkdir -p "$T/in/sub"
printf '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><h1>C</h1></body></html>' \
    >"$T/in/sub/c.xhtml"
python3 - "$T/in" "$T/in.zip" "$T/in.tar.gz" <<'PY'
import os, sys, tarfile, zipfile
d, zp, tp = sys.argv[1:]
names = ["small.epub", "a.html", "b.htm", "sub/c.xhtml"]
with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        z.write(os.path.join(d, n), n)
with tarfile.open(tp, "w:gz") as t:
    for n in names:
        t.add(os.path.join(d, n), n)
PY
want='a.native:A b.native:B small.native:One sub/c.native:C'
for src in in in.zip in.tar.gz; do
    rm -rf "$T/bo"
    "$SAMIZDAT" batch -q -t native "$T/$src" -o "$T/bo" >"$T/b.err" 2>&1
    o=$T/bo; [ "$src" = in ] || o=$T/bo/in
    got=$(cd "$o" && for f in a.native b.native small.native sub/c.native; do
        printf '%s:%s ' "$f" "$(grep -m1 -A1 '^Header 1' "$f" 2>/dev/null | sed -n 's/^  Str "\(.*\)"$/\1/p')"; done)
    check "epub-read: batch reads .html, .htm, .xhtml and .epub from $src" [ "$got" = "$want " ]
done
