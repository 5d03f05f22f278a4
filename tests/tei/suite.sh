#!/bin/sh
# tests/tei/suite.sh — the TEI writer: golden essay, and every document we
# have (essay, rich and torture documents, every pandoc JSON file of the
# tests, every corpus book) well-formed and valid against tei_all.rng in one
# jing run.  SZ_REGEN=1 rewrites the golden file (look at it before committing).
. "$(dirname "$0")/../lib.sh"
S=$SAMIZDAT
T=$SZ_TMP
D=$SZ_ROOT/tests/tei
RNG=$SZ_ROOT/tests/schemas/tei_all.rng
JING="java -jar /usr/share/java/jing.jar"
mkdir -p "$T/v"

# {=== the essay: golden file, deterministic
ESSAY="$SZ_ROOT/examples/essay.txt"
$S "$ESSAY" --metadata-file "$SZ_ROOT/examples/essay.yaml" -t tei >"$T/v/essay.xml" 2>"$T/err"
rc=$?
if [ -n "$SZ_REGEN" ] && [ $rc -eq 0 ]; then cp "$T/v/essay.xml" "$D/essay.tei.xml"; fi
if [ $rc -eq 0 ]; then check_same "tei: essay matches tests/tei/essay.tei.xml" "$D/essay.tei.xml" "$T/v/essay.xml"
else fail "tei: essay: exit $rc: $(head -c 200 "$T/err")"; fi
SOURCE_DATE_EPOCH=86400 $S "$ESSAY" --metadata-file "$SZ_ROOT/examples/essay.yaml" -t tei >"$T/essay2.xml" 2>/dev/null
check_same "tei: output does not depend on the clock" "$T/v/essay.xml" "$T/essay2.xml"
$S "$ESSAY" -o "$T/v/essay-bare.tei.xml" 2>/dev/null
check "tei: -o x.tei.xml writes TEI" grep -q '^<TEI xmlns="http://www.tei-c.org/ns/1.0"' "$T/v/essay-bare.tei.xml"
check "tei: no metadata still gives a publicationStmt with a statement" \
    grep -q '^<p>Unpublished. No publication details were given with this text.</p>$' "$T/v/essay-bare.tei.xml"
check "tei: without metadata the source is the input file" \
    grep -q '<idno type="file">essay.txt</idno>' "$T/v/essay-bare.tei.xml"
$S -f essay -t tei <"$ESSAY" >"$T/v/essay-stdin.xml" 2>/dev/null
check "tei: standard input named as the source" \
    grep -q '<idno type="file">standard input</idno>' "$T/v/essay-stdin.xml"
for want in '<title type="sub">The Sino-Soviet Alliance and Its Legacy</title>' \
            '<language ident="en">English</language>' \
            '<application ident="samizdat" version="[0-9.]*"><label>samizdat</label></application>' \
            '<availability><licence>This sample essay' \
            '<docAuthor>Anonymous</docAuthor>' \
            '<div type="chapter" xml:id="legacy-and-reflection">'; do
    check "tei: essay has $want" grep -q "$want" "$T/v/essay.xml"
done
check "tei: essay keeps its 4 sections and 13 paragraphs" \
    sh -c "[ \$(grep -c '^<head>' '$T/v/essay.xml') = 4 ] && [ \$(sed -n '/<body>/,\$p' '$T/v/essay.xml' | grep -c '^<p>') = 13 ]"

# {=== the rich, torture and edge documents, and every JSON document of the tests
if $S -f json -t tei "$SZ_ROOT/tests/data/rich.json" >"$T/v/rich.xml" 2>"$T/err"; then
    R="$T/v/rich.xml"
    for want in '<note place="foot" n="1">' '<row role="label">' '<foreign xml:lang="fr">' \
                '<hi rend="smallcaps">' '<q rend="single">' '<milestone unit="section"/>' \
                '<lg>' '<list type="gloss">' '<formula notation="TeX" rend="display">' \
                '<ref type="citation" target="#doe99 #smith04">' '<graphic xml:id="fig1" url="img/figure.png"' \
                '<eg xml:space="preserve" xml:id="code2"><code lang="python">' \
                '<item n="iv">roman start</item>' '<ab xml:id="note1" type="warning" xml:lang="de">'; do
        check "tei: rich document has $want" grep -qF "$want" "$R"
    done
else
    fail "tei: rich.json: $(head -c 200 "$T/err")"
fi
for f in $(find "$SZ_ROOT/tests" -name '*.json' | sort); do
    grep -q '"pandoc-api-version"' "$f" || continue
    name=$(echo "${f#$SZ_ROOT/tests/}" | tr '/' '_')
    if $S -f json -t tei "$f" >"$T/v/$name.xml" 2>"$T/err"; then
        pass "tei: ${f#$SZ_ROOT/} converts"
    elif $S -f json -t native "$f" >/dev/null 2>&1; then
        fail "tei: ${f#$SZ_ROOT/}: $(head -c 200 "$T/err")"
    else
        rm -f "$T/v/$name.xml" # not a document the reader takes: not ours to test
    fi
done
check "tei: raw blocks are left out, never written as markup" \
    sh -c "! grep -q 'raw tei\|raw block' '$T/v/tei_torture.json.xml'"
check "tei: duplicate identifiers made unique" grep -q 'xml:id="id-1-2"' "$T/v/tei_edge.json.xml"
check "tei: links follow renamed identifiers" grep -q '<ref target="#id-1">to 1</ref>' "$T/v/tei_edge.json.xml"
check "tei: characters XML cannot carry become U+FFFD" grep -q 'ctrl:������ end' "$T/v/tei_edge.json.xml"
check "tei: Project Gutenberg number in the source" grep -q '<idno type="gutenberg">1342</idno>' "$T/v/tei_edge.json.xml"

# block quotes nested deep (each with a heading, the core with a note)
python3 - "$T/v/deep.json.in" <<'EOF'
import sys
head = '{"t":"Header","c":[%d,["h",[],[]],[{"t":"Str","c":"h"}]]}'
s = '{"t":"Para","c":[{"t":"Note","c":[{"t":"Para","c":[{"t":"Str","c":"core"}]}]}]}'
for i in range(120):
    s = '{"t":"BlockQuote","c":[%s,%s]}' % (s, head % (1 + i % 6))
open(sys.argv[1], "w").write('{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[%s]}' % s)
EOF
if $S -f json -t tei "$T/v/deep.json.in" >"$T/v/deep.xml" 2>"$T/err"; then pass "tei: 120 nested quotes convert"
else fail "tei: 120 nested quotes: $(head -c 200 "$T/err")"; fi
rm -f "$T/v/deep.json.in"

# random trees: every kind nested in every allowed place, hostile attributes
mkdir -p "$T/rand"
python3 "$D/randtree.py" 1 40 "$T/rand"
bad=0
for f in "$T"/rand/*.json; do
    b=$(basename "$f" .json)
    $S -f json -t tei "$f" >"$T/v/$b.xml" 2>"$T/err" || { bad=$((bad + 1)); fail "tei: $b: $(head -c 200 "$T/err")"; }
done
[ $bad -eq 0 ] && pass "tei: 40 random trees convert"

# {=== the bundled Lua filters: whatever Divs, Spans and classes they add stay valid
for f in "$SZ_ROOT"/filters/*.lua; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .lua)
    if $S "$ESSAY" --metadata-file "$SZ_ROOT/examples/essay.yaml" -L "$f" -t tei >"$T/v/filter-$b.xml" 2>"$T/err"; then
        pass "tei: essay through filter $b"
    else
        rm -f "$T/v/filter-$b.xml"
        skip "tei: filter $b failed before the writer: $(grep -m1 -i error "$T/err" | head -c 160)"
    fi
done

# {=== the corpus, read by the essay reader
if have_shared; then
    n=0
    for f in "$SZ_SHARED"/corpus/gutenberg/*.txt; do
        n=$((n + 1))
        [ -n "$SZ_ASAN" ] && [ $n -gt 5 ] && break
        b=$(basename "$f" .txt)
        $S "$f" -t tei >"$T/v/corpus-$b.xml" 2>"$T/err" || fail "tei: corpus $b: $(grep -v warning "$T/err" | head -c 200)"
    done
    pass "tei: $n corpus books converted"
    A="$SZ_SHARED/corpus/gutenberg/11-0.txt"
    if [ -f "$A" ]; then
        $S --keep-boilerplate "$A" -t tei >"$T/v/alice-boilerplate.xml" 2>/dev/null
        check "tei: kept Gutenberg boilerplate goes to <back>" \
            sh -c "sed -n '/^<back>/,/^<.back>/p' '$T/v/alice-boilerplate.xml' | grep -q '^<div type=\"boilerplate\">'"
        check "tei: a title page the reader found goes to <front>" \
            sh -c "sed -n '/^<front>/,/^<.front>/p' '$T/v/corpus-11-0.xml' | grep -q '^<div type=\"titlepage\">'"
        check "tei: Project Gutenberg number and release date in the source" \
            sh -c "grep -q '^<idno type=\"gutenberg\">11</idno>' '$T/v/corpus-11-0.xml' && grep -q '^<date>June 25, 2008</date>' '$T/v/corpus-11-0.xml'"
    fi
else
    skip "tei: corpus books: ../shared is absent"
fi

# {=== well-formed, and valid against tei_all (one JVM for all files)
check "tei: every output is well-formed XML (xmllint)" xmllint --huge --noout "$T"/v/*.xml
if [ -n "$SZ_ASAN" ]; then
    skip "tei: jing validation runs in the release pass only"
elif ! command -v java >/dev/null 2>&1 || [ ! -f /usr/share/java/jing.jar ]; then
    skip "tei: jing is not installed (make deps-test)"
else
    count=$(ls "$T"/v/*.xml | wc -l)
    if $JING "$RNG" "$T"/v/*.xml >"$T/jing.out" 2>&1; then
        pass "tei: all $count documents valid against tei_all.rng (jing)"
    else
        fail "tei: jing: $(head -c 600 "$T/jing.out" | sed "s|$T/v/||g" | tr '\n' ' ')"
    fi
fi
