#!/bin/sh
# tests/epub/suite.sh — the EPUB and HTML writers: package structure, XHTML
# well-formedness, reproducible builds, options, and (release pass only)
# epubcheck with 0 errors and 0 warnings, plus DAISY Ace when installed.
. "$(dirname "$0")/../lib.sh"
D=$SZ_ROOT/tests/epub
W=$SZ_TMP/epub
mkdir -p "$W"
export SOURCE_DATE_EPOCH=1700000000
BOOKS=""

python3 "$D/mkpng.py" "$W/square.png"
cp "$D/torture.json" "$W/torture.json"

# build NAME ARGS...: writes $W/NAME.epub; a crash or a failure is a FAIL.
build() {
    name=$1; shift
    (cd "$W" && exec "$SAMIZDAT" "$@" -o "$W/$name.epub") >"$W/$name.out" 2>"$W/$name.err"
    rc=$?
    if [ $rc -eq 0 ] && ! grep -q Sanitizer "$W/$name.err"; then
        pass "epub build $name"
        BOOKS="$BOOKS $W/$name.epub"
        return 0
    fi
    fail "epub build $name: exit $rc: $(head -c 300 "$W/$name.err" | tr '\n' ' ')"
    return 1
}

# structure NAME: mimetype first, stored, no extra field; every XML part
# well-formed.
structure() {
    f=$W/$1.epub
    if [ "$(head -c 58 "$f" | tail -c 28)" = "mimetypeapplication/epub+zip" ]; then
        pass "epub $1: mimetype first, stored, no extra field"
    else
        fail "epub $1: mimetype is not the first stored entry"
    fi
    rm -rf "$W/x-$1" && mkdir -p "$W/x-$1" && (cd "$W/x-$1" && unzip -q "$f")
    if xmllint --noout "$W/x-$1"/EPUB/*.xhtml "$W/x-$1"/EPUB/*.opf "$W/x-$1"/EPUB/*.ncx \
        "$W/x-$1"/META-INF/container.xml >"$W/xmllint.out" 2>&1; then
        pass "epub $1: every XHTML, OPF and NCX part is well-formed"
    else
        fail "epub $1: xmllint: $(head -c 300 "$W/xmllint.out" | tr '\n' ' ')"
    fi
}

# The torture document: every node kind and what XHTML forbids.
build torture -f json torture.json && structure torture
if grep -q "nothere.png' not found" "$W/torture.err"; then
    pass "epub: a missing image is a warning"
else
    fail "epub: no warning for a missing image"
fi
if grep -q 'src="media/img' "$W"/x-torture/EPUB/ch*.xhtml 2>/dev/null &&
    grep -q 'media-type="image/png"' "$W/x-torture/EPUB/content.opf"; then
    pass "epub: images are packaged with their media type"
else
    fail "epub: the torture image is not packaged"
fi

# The rich pandoc JSON documents of tests/data (both API versions).
for r in rich rich-1.23; do
    [ -f "$SZ_ROOT/tests/data/$r.json" ] && build "$r" -f json "$SZ_ROOT/tests/data/$r.json" &&
        structure "$r"
done

# Reproducible: same input and SOURCE_DATE_EPOCH, same bytes; another
# SOURCE_DATE_EPOCH changes the modification date only.
(cd "$W" && "$SAMIZDAT" -f json torture.json -o again.epub 2>/dev/null)
check_same "epub: two builds are byte-identical" "$W/torture.epub" "$W/again.epub"
(cd "$W" && TZ=Asia/Kolkata "$SAMIZDAT" -f json torture.json -o tz.epub 2>/dev/null)
check_same "epub: the time zone changes nothing" "$W/torture.epub" "$W/tz.epub"
(cd "$W" && SOURCE_DATE_EPOCH=1800000000 "$SAMIZDAT" -f json torture.json -o later.epub 2>/dev/null)
rm -rf "$W/later" && mkdir "$W/later" && (cd "$W/later" && unzip -q ../later.epub)
changed=$(diff -rq "$W/x-torture" "$W/later" | sed 's|.*/EPUB/||; s| differ||')
if [ "$changed" = "content.opf" ] &&
    [ "$(diff "$W/x-torture/EPUB/content.opf" "$W/later/EPUB/content.opf" | grep -c '^[<>]')" = 2 ] &&
    grep -q '2027-01-15T08:00:00Z' "$W/later/EPUB/content.opf"; then
    pass "epub: SOURCE_DATE_EPOCH changes dcterms:modified only"
else
    fail "epub: SOURCE_DATE_EPOCH changed: $changed"
fi
if unzip -Z -T "$W/later.epub" | grep -q 20270115; then
    pass "epub: zip times follow SOURCE_DATE_EPOCH"
else
    fail "epub: zip times do not follow SOURCE_DATE_EPOCH"
fi

# Options: cover image, extra and replacing stylesheets, embedded fonts.
printf 'p { color: #333; }\n' >"$W/extra.css"
FONT=$(ls /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf 2>/dev/null | head -1)
build options -f json torture.json --epub-cover-image square.png --css extra.css \
    ${FONT:+--epub-embed-font "$FONT"} && structure options
if grep -q 'properties="cover-image"' "$W/x-options/EPUB/content.opf" &&
    grep -q 'media/cover.png' "$W/x-options/EPUB/content.opf" &&
    grep -q 'width="16" height="16"' "$W/x-options/EPUB/cover.xhtml" &&
    grep -q 'css/user001.css' "$W/x-options/EPUB/ch001.xhtml"; then
    pass "epub: --epub-cover-image (size read from the PNG) and --css"
else
    fail "epub: cover image or stylesheet missing"
fi
if [ -n "$FONT" ]; then
    if grep -q 'media-type="font/ttf"' "$W/x-options/EPUB/content.opf"; then
        pass "epub: --epub-embed-font"
    else
        fail "epub: font not embedded"
    fi
fi
build split2 -f json torture.json --split-level 2 --toc-depth 1
if [ "$(unzip -l "$W/split2.epub" | grep -c 'EPUB/ch[0-9]*.xhtml')" -gt \
    "$(unzip -l "$W/torture.epub" | grep -c 'EPUB/ch[0-9]*.xhtml')" ] &&
    [ "$(unzip -p "$W/split2.epub" EPUB/nav.xhtml | grep -o '<ol>' | wc -l)" = 2 ] &&
    [ "$(unzip -p "$W/torture.epub" EPUB/nav.xhtml | grep -o '<ol>' | wc -l)" -gt 2 ]; then
    pass "epub: --split-level 2 splits more, --toc-depth 1 nests nothing"
else
    fail "epub: --split-level/--toc-depth ignored"
fi
build metacover -f json torture.json -M cover-image=square.png -M dir=rtl
if unzip -l "$W/metacover.epub" | grep -q media/cover.png &&
    unzip -p "$W/metacover.epub" EPUB/content.opf | grep -q 'page-progression-direction="rtl"'; then
    pass "epub: cover-image and dir from the metadata"
else
    fail "epub: metadata cover-image or dir ignored"
fi
build replace -f json torture.json --css extra.css --css-replace
if unzip -l "$W/replace.epub" | grep -q css/book.css; then
    fail "epub: --css-replace kept the default stylesheet"
else
    pass "epub: --css-replace drops the default stylesheet"
fi

# Without metadata: a warning, a title from the file name, still valid.
printf '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[{"t":"Para","c":[{"t":"Str","c":"Hi."}]}]}' \
    >"$W/bare.json"
build bare -f json bare.json && structure bare
if grep -q 'no lang' "$W/bare.err" && grep -q '<dc:title id="title">bare</dc:title>' \
    "$W/x-bare/EPUB/content.opf"; then
    pass "epub: no metadata: warning, title from the file name"
else
    fail "epub: no metadata: $(head -c 200 "$W/bare.err")"
fi

# HTML: a fragment and a whole page from the same renderer.  Raw HTML is
# written as the author wrote it (an unclosed <p> stays unclosed), so
# well-formedness is checked without it.
printf 'function RawBlock() return {} end\nfunction RawInline() return {} end\n' >"$W/noraw.lua"
if (cd "$W" && "$SAMIZDAT" -f json torture.json -L noraw.lua -t html >frag.html 2>/dev/null) &&
    { echo '<div>'; cat "$W/frag.html"; echo '</div>'; } | xmllint --noout - 2>"$W/h.err"; then
    pass "html: body fragment is well-formed"
else
    fail "html: fragment: $(head -c 200 "$W/h.err")"
fi
if (cd "$W" && "$SAMIZDAT" -f json torture.json -L noraw.lua -t html -s >page.html 2>/dev/null) &&
    xmllint --noout "$W/page.html" 2>"$W/h.err" && grep -q '<html lang="en-GB">' "$W/page.html" &&
    grep -q 'role="doc-noteref"' "$W/page.html"; then
    pass "html: -s page is well-formed, with lang and notes"
else
    fail "html: page: $(head -c 200 "$W/h.err")"
fi
(cd "$W" && "$SAMIZDAT" -f json torture.json -t html >raw.html 2>/dev/null)
if grep -q '^<div><script>alert(1)</script><p onclick="x">kept' "$W/raw.html" &&
    grep -q '<b>' "$W/raw.html" && ! grep -q 'LaTeX only' "$W/raw.html" &&
    ! unzip -p "$W/torture.epub" '*.xhtml' | grep -q -e '<script' -e onclick; then
    pass "html: raw HTML written as it is (EPUB: sanitised), raw TeX left out"
else
    fail "html: raw HTML: $(grep -c script "$W/raw.html") script lines"
fi

# The essay and corpus books (plain text through the essay reader).
if "$SAMIZDAT" "$SZ_ROOT/examples/essay.txt" -t native >/dev/null 2>&1; then
    build essay "$SZ_ROOT/examples/essay.txt" --metadata-file "$SZ_ROOT/examples/essay.yaml" &&
        structure essay
    if have_shared; then
        G=$SZ_SHARED/corpus/gutenberg
        n=0
        for f in $(ls -S -r "$G"/*.txt | head -12); do
            b=$(basename "$f")
            row=$(awk -F'\t' -v f="$b" '$1 == f' "$G/MANIFEST.tsv")
            title=$(echo "$row" | cut -f2)
            author=$(echo "$row" | cut -f3)
            case $(echo "$row" | cut -f4) in
                English) lang=en ;; French) lang=fr ;; German) lang=de ;; Russian) lang=ru ;;
                Spanish) lang=es ;; Italian) lang=it ;; Chinese) lang=zh ;; *) lang=en ;;
            esac
            n=$((n + 1))
            build "book$n" "$f" -M "title=${title:-$b}" -M "author=${author:-Anonymous}" \
                -M "lang=$lang" -M date=2020
        done
        structure book1
    else
        skip "epub: corpus books: ../shared is absent"
    fi
else
    skip "epub: essay and corpus books: the essay reader is not available"
fi

# epubcheck: every book in one JVM, errors and warnings both count.
if [ "${SZ_ASAN:-0}" = 1 ]; then
    skip "epubcheck: run in the release pass only"
elif ! command -v javac >/dev/null || [ ! -f /usr/share/java/epubcheck.jar ]; then
    skip "epubcheck: javac or epubcheck.jar missing (make deps-test)"
else
    C=$SZ_ROOT/build/epubcheck
    if [ ! -f "$C/EpubCheckBatch.class" ] || [ "$D/EpubCheckBatch.java" -nt "$C/EpubCheckBatch.class" ]; then
        mkdir -p "$C" && javac -d "$C" -cp /usr/share/java/epubcheck.jar "$D/EpubCheckBatch.java"
    fi
    # shellcheck disable=SC2086
    java -XX:TieredStopAtLevel=1 -cp "/usr/share/java/epubcheck.jar:$C" EpubCheckBatch $BOOKS \
        >"$W/epubcheck.out" 2>&1
    for b in $BOOKS; do
        line=$(grep -F " $b " "$W/epubcheck.out")
        case $line in
            OK*) pass "epubcheck $(basename "$b"): 0 errors, 0 warnings" ;;
            *) fail "epubcheck $(basename "$b"): ${line:-no result} $(grep -F "$(basename "$b")" \
                "$W/epubcheck.out" | grep -E '^(ERROR|WARNING|FATAL)' | head -3 | tr '\n' ' ')" ;;
        esac
    done
fi

# DAISY Ace, only when installed (never downloaded by the tests).
ACE=${SZ_ACE:-$(command -v ace-cli)}
if [ "${SZ_ASAN:-0}" = 1 ]; then
    skip "ace: run in the release pass only"
elif [ -z "$ACE" ] || ! command -v chromium >/dev/null; then
    skip "ace: ace-cli or chromium not installed (npm @daisy/ace-cli, see README)"
else
    for name in torture essay; do
        [ -f "$W/$name.epub" ] || continue
        if PUPPETEER_EXECUTABLE_PATH=$(command -v chromium) "$ACE" -s -E -f -o "$W/ace-$name" \
            "$W/$name.epub" >"$W/ace.out" 2>&1; then
            pass "ace $name: no violations"
        else
            fail "ace $name: $(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(a["earl:testSubject"]["url"] + ":" + t["earl:test"]["dct:title"]
               for a in r["assertions"] for t in a["assertions"])[:300])' \
                "$W/ace-$name/report.json" 2>&1)"
        fi
    done
fi
