#!/bin/sh
# tests/plain/suite.sh — the plain writer: golden output, line widths, no
# text lost, --wrap modes, Chinese and Russian books.
# SZ_REGEN=1 rewrites the golden files (look at them before committing).
. "$(dirname "$0")/../lib.sh"
S=$SAMIZDAT
T=$SZ_TMP
D=$SZ_ROOT/tests/plain
W="python3 $D/width.py"

# golden NAME GOLDEN CMD...: output of CMD equals the golden file.
golden() {
    name=$1 gold=$2; shift 2
    if ! "$@" >"$T/golden.out" 2>"$T/golden.err"; then
        fail "$name: exit $?: $(head -c 200 "$T/golden.err")"
        return
    fi
    if [ -n "$SZ_REGEN" ]; then cp "$T/golden.out" "$gold"; fi
    check_same "$name" "$gold" "$T/golden.out"
}

json() { printf '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[%s]}' "$1"; }

# {=== the rich document (every element kind), through the JSON reader
RICH=$SZ_ROOT/tests/data/rich.json
if $S -f json -t plain "$RICH" >/dev/null 2>&1; then
    golden "plain: rich document at 72 columns" "$D/rich.72.txt" $S -f json -t plain "$RICH"
    golden "plain: rich document at 40 columns" "$D/rich.40.txt" $S -f json -t plain --columns 40 "$RICH"
    for n in 72 40 30; do
        $S -f json -t plain --columns $n "$RICH" >"$T/rich.$n.txt"
        check "plain: rich document, no line wider than $n" $W $n "$T/rich.$n.txt"
    done
    # At 20 columns only the code block may be wider; tables become lists.
    $S -f json -t plain --columns 20 "$RICH" | grep -v '^    indented code block$' >"$T/rich.20.txt"
    check "plain: rich document at 20 columns, only code wider" $W 20 "$T/rich.20.txt"
    check "plain: a table too wide for the page becomes head: cell lines" \
        grep -qx 'Center: _c2_' "$T/rich.20.txt"
    $S -f json -t plain --wrap=none "$RICH" >"$T/none.txt"
    check "plain: --wrap=none writes a paragraph on one line" \
        grep -q '^A paragraph with .*and “double quoted” and ‘single quoted’ text. Here is inline code and a hard$' "$T/none.txt"
else
    skip "plain: rich document: the JSON reader is not available"
fi

# {=== small documents made here
if $S -f json -t native /dev/null >/dev/null 2>&1 || json '' | $S -f json -t plain >/dev/null 2>&1; then
    json '{"t":"Para","c":[{"t":"Str","c":"one"},{"t":"SoftBreak"},{"t":"Str","c":"two"},{"t":"Space"},{"t":"Str","c":"three"}]}' >"$T/soft.json"
    check "plain: --wrap=preserve keeps the soft break" \
        sh -c "$S -f json -t plain --wrap=preserve '$T/soft.json' | cmp -s - '$D/soft.preserve.txt'"
    check "plain: --wrap=auto joins the soft break" \
        sh -c "test \"\$($S -f json -t plain '$T/soft.json')\" = 'one two three'"
    # 200 ideographs with a comma now and then; 120 Cyrillic words.
    zh=$(python3 -c "print(''.join('中国与苏联的友谊，'[i % 9] for i in range(200)))")
    json "{\"t\":\"Para\",\"c\":[{\"t\":\"Str\",\"c\":\"$zh\"}]}" >"$T/zh.json"
    for n in 72 31 10; do
        $S -f json -t plain --columns $n "$T/zh.json" >"$T/zh.$n.txt"
        check "plain: Chinese paragraph, no line wider than $n" $W $n "$T/zh.$n.txt"
    done
    check "plain: Chinese breaks between ideographs (lines filled to 30 or 29 columns)" \
        sh -c "[ \$(python3 -c \"import sys,unicodedata as u;ls=open('$T/zh.31.txt').read().split('\n')[:-2];print(min(sum(2 if u.east_asian_width(c) in 'WF' else 1 for c in l) for l in ls))\") -ge 29 ]"
    check "plain: Chinese text kept whole" \
        sh -c "test \"\$(tr -d '\n' <'$T/zh.10.txt')\" = '$zh'"
    check "plain: no line starts with a fullwidth comma" sh -c "! grep -q '^，' '$T/zh.10.txt'"
    ru=$(python3 -c "print(' '.join(['Мы','были','молоды','и','жили','в','Москве']*17))")
    json "{\"t\":\"Para\",\"c\":[{\"t\":\"Str\",\"c\":\"$ru\"}]}" >"$T/ru.json"
    $S -f json -t plain --columns 25 "$T/ru.json" >"$T/ru.txt"
    check "plain: Russian paragraph, no line wider than 25" $W 25 "$T/ru.txt"
    check "plain: Russian words never split" \
        sh -c "test \"\$(tr '\n' ' ' <'$T/ru.txt' | sed 's/ \$//')\" = '$ru'"
else
    skip "plain: small documents: the JSON reader is not available"
fi

# {=== the sample essay, through the essay reader
ESSAY=$SZ_ROOT/examples/essay.txt
[ -f "$ESSAY" ] || ESSAY=$SZ_SHARED/essay/essay.txt
if [ -f "$ESSAY" ] && $S -t plain "$ESSAY" >/dev/null 2>&1; then
    golden "plain: essay at 72 columns" "$D/essay.72.txt" $S -t plain "$ESSAY"
    golden "plain: essay at 40 columns" "$D/essay.40.txt" $S -t plain --columns 40 "$ESSAY"
    for n in 72 40 20; do
        $S -t plain --columns $n "$ESSAY" >"$T/essay.$n.txt"
        check "plain: essay, no line wider than $n" $W $n "$T/essay.$n.txt"
    done
    # Heading underlines are layout, not text; a word broken after its
    # hyphen is one word; --no-smart keeps the input's straight quotes.
    tr -s ' \n' '\n\n' <"$ESSAY" | grep -v '^$' >"$T/words.in"
    for n in 72 40 20; do
        $S -t plain --no-smart --columns $n "$ESSAY" | grep -v '^[=-]*$' |
            sed -e ':a' -e '/[[:alnum:]]-$/{N;s/-\n */-/;ba' -e '}' |
            tr -s ' \n' '\n\n' | grep -v '^$' >"$T/words.out"
        check_same "plain: no text lost at $n columns (the essay's word sequence)" \
            "$T/words.in" "$T/words.out"
    done
    $S -t plain --wrap=none "$ESSAY" >"$T/essay.none.txt"
    check "plain: --wrap=none writes each essay paragraph on one line" \
        sh -c "[ \$(grep -cv '^[=-]*\$' '$T/essay.none.txt') -eq \$(grep -c . '$ESSAY') ]"
else
    skip "plain: essay golden files: the essay reader is not available yet"
fi

# {=== Chinese and Russian books from the shared corpus
if ! have_shared; then
    skip "plain: corpus books: $SZ_SHARED/corpus not found"
elif ! $S -t plain "$SZ_SHARED/corpus/gutenberg/ru_gogol_shinel.txt" >/dev/null 2>&1; then
    skip "plain: corpus books: the essay reader is not available yet"
else
    for b in ru_gogol_shinel.txt ru_dostoevsky_belye_nochi.txt 24264-0.txt; do
        f=$SZ_SHARED/corpus/gutenberg/$b
        [ -f "$f" ] || { skip "plain: $b not in the corpus"; continue; }
        $S -t plain --columns 60 "$f" >"$T/book.txt" 2>/dev/null
        check "plain: $b, no line wider than 60" $W 60 "$T/book.txt"
        check "plain: $b, no CJK or Cyrillic character lost" python3 - "$f" "$T/book.txt" <<'PY'
import sys
def ink(p):
    t = open(p, 'rb').read().decode('utf-8', 'replace')
    return ''.join(c for c in t if '\u0400' <= c <= '\u04ff' or '\u4e00' <= c <= '\u9fff')
# Every character of the book, in order; the title block may repeat the
# title and author the book's own title page also shows.
out = iter(ink(sys.argv[2]))
sys.exit(0 if all(c in out for c in ink(sys.argv[1])) else 1)
PY
    done
fi
