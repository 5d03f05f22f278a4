#!/bin/sh
# tests/essay/suite.sh — the plain-text (essay) reader: the sample essay's
# golden tree, no text lost, encodings and line endings, typography,
# headings, title block, bad input.
. "$(dirname "$0")/../lib.sh"
D=$SZ_ROOT/tests/essay
E=$SZ_ROOT/examples/essay.txt
T=$SZ_TMP

native() { "$SAMIZDAT" -t native "$@" 2>"$T/err"; }

# The essay: golden tree, 4 headings with their texts, 13 paragraphs.
native "$E" >"$T/essay.native"
check_same "essay: golden native tree" "$D/essay.native" "$T/essay.native"
check "essay: 4 level-1 headings, 13 paragraphs" sh -c "
    [ \$(grep -c '^Header 1 ' '$T/essay.native') -eq 4 ] &&
    [ \$(grep -c '^Header' '$T/essay.native') -eq 4 ] &&
    [ \$(grep -c '^Para' '$T/essay.native') -eq 13 ] &&
    grep -q '^Header 1 (\"the-ideological-currents-of-a-new-alliance\"' '$T/essay.native' &&
    grep -q '^Header 1 (\"cultural-exchange-and-shared-visions\"' '$T/essay.native' &&
    grep -q '^Header 1 (\"the-cracks-beneath-the-surface\"' '$T/essay.native' &&
    grep -q '^Header 1 (\"legacy-and-reflection\"' '$T/essay.native'"
check "essay: no text lost (words in order)" python3 "$D/words.py" "$E" "$T/essay.native"
native "$E" >/dev/null
check "essay: no warnings" test ! -s "$T/err"

# Byte-level variants give the same tree.
printf '\357\273\277' >"$T/bom.txt"; cat "$E" >>"$T/bom.txt"
sed 's/$/\r/' "$E" >"$T/crlf.txt"
tr '\n' '\r' <"$E" >"$T/cr.txt"
for v in bom crlf cr; do
    native "$T/$v.txt" >"$T/$v.native"
    check_same "essay: $v input gives the same tree" "$D/essay.native" "$T/$v.native"
done
iconv -f utf-8 -t windows-1252 "$E" >"$T/w1252.txt" 2>/dev/null
native "$T/w1252.txt" >"$T/w1252.native"
check_same "essay: Windows-1252 input gives the same tree" "$D/essay.native" "$T/w1252.native"
check "essay: Windows-1252 input is named in a warning" grep -q 'not valid UTF-8' "$T/err"

# Encodings.
printf 'caf\351 cr\350me\n' >"$T/latin.txt"
check "encoding: invalid UTF-8 read as Windows-1252" sh -c \
    "'$SAMIZDAT' -t native '$T/latin.txt' 2>/dev/null | grep -q 'Str \"café\"'"
check "encoding: --encoding iso-8859-1" sh -c \
    "'$SAMIZDAT' --encoding iso-8859-1 -t native '$T/latin.txt' 2>&1 | grep -q 'Str \"crème\"'"
printf 'caf\303\251 \200\n' >"$T/u8.txt"
check "encoding: --encoding utf-8 keeps good text, U+FFFD for bad" sh -c \
    "'$SAMIZDAT' --encoding utf-8 -t native '$T/u8.txt' 2>&1 | grep -q 'Str \"�\"'"
check_exit "encoding: unknown --encoding is a usage error" 2 \
    "$SAMIZDAT" --encoding klingon -t native "$T/u8.txt"

# Typography.
printf '"Quoted," she said -- it'"'"'s the _best_ *way*... \x27Tis 1990'"'"'s.\n' >"$T/smart.txt"
native "$T/smart.txt" >"$T/smart.native"
check "smart: curly quotes, em dash, ellipsis, emphasis" sh -c "
    grep -q 'Str \"“Quoted,”\"' '$T/smart.native' && grep -q 'Str \"—\"' '$T/smart.native' &&
    grep -q 'Str \"it’s\"' '$T/smart.native' && grep -q 'Str \"1990’s.\"' '$T/smart.native' &&
    [ \$(grep -c '^  Emph' '$T/smart.native') -eq 2 ] && grep -q 'Str \"…\"' '$T/smart.native'"
"$SAMIZDAT" --no-smart -t native "$T/smart.txt" >"$T/nosmart.native" 2>/dev/null
check "smart: --no-smart keeps the text as typed" sh -c "
    grep -q 'Str \"\\\\\"Quoted,\\\\\"\"' '$T/nosmart.native' && grep -q 'Str \"--\"' '$T/nosmart.native' &&
    grep -q 'Str \"_best_\"' '$T/nosmart.native' && ! grep -q Emph '$T/nosmart.native'"

# Headings and levels, hard-wrapped paragraphs, title block.
cat >"$T/book.txt" <<'BOOK'
The Long Road
A Story of Travel
By Jane Q. Doe

PART ONE

CHAPTER I

It was a dark and stormy night; the rain fell in torrents, except at
occasional intervals, when it was checked by a violent gust of wind.

* * *

Later the wind dropped.

CHAPTER II

2. Method

Nothing happened.
BOOK
native "$T/book.txt" >"$T/book.native"
check "headings: parts, chapters and sections get consistent levels" sh -c "
    grep -q '^Header 1 (\"part-one\"' '$T/book.native' &&
    grep -q '^Header 2 (\"chapter-i\"' '$T/book.native' &&
    grep -q '^Header 2 (\"chapter-ii\"' '$T/book.native' &&
    grep -q '^Header 3 (\"method\"' '$T/book.native'"
check "blocks: hard-wrapped lines make one paragraph, * * * a rule" sh -c "
    [ \$(grep -c '^Para' '$T/book.native') -eq 3 ] && grep -q '^HorizontalRule' '$T/book.native' &&
    grep -q '^  SoftBreak' '$T/book.native'"
check "title block: title, subtitle, author to metadata" sh -c "
    '$SAMIZDAT' -s -t native '$T/book.txt' | grep -q 'Jane' &&
    ! grep -q '^  Str \"Long' '$T/book.native'"
"$SAMIZDAT" --trace-structure -t json "$T/book.txt" 2>"$T/trace" >/dev/null
check "trace: one line per block, what it became and why" sh -c "
    grep -q '^$T/book.txt:5: heading 1 (part keyword and number' '$T/trace' &&
    grep -q '^$T/book.txt:7: heading 2 (chapter keyword' '$T/trace' &&
    grep -q '^$T/book.txt:1: skipped (title block' '$T/trace' &&
    grep -q '^$T/book.txt:12: rule (' '$T/trace' &&
    grep -q '^$T/book.txt:9: paragraph (running text): It was a dark' '$T/trace' &&
    grep -q '^$T/book.txt:1: title (the first short lines of the title page): The Long Road$' '$T/trace' &&
    grep -q '^$T/book.txt:3: author (the title page.s By line): Jane Q. Doe$' '$T/trace' &&
    grep -q '^$T/book.txt:2: subtitle (under the title, naming the kind of work): A Story of Travel$' '$T/trace' &&
    [ \$(wc -l <'$T/trace') -eq 12 ]"
{ printf 'ACT I\n\nSCENE I. A room.\n\n'; for i in 1 2 3 4 5 6 7 8 9 10 11; do
    printf 'NORA.\nJust now. Come in here, Torvald, and see what I have bought for the\nchildren.\n\nHELMER.\nDo not disturb me.\n\n'; done; } >"$T/play.txt"
native "$T/play.txt" >"$T/play.native"
check "plays: SCENE under ACT, a speech under its speaker's name is a paragraph" sh -c "
    grep -q '^Header 1 (\"act-i\"' '$T/play.native' &&
    grep -q '^Header 2 (\"scene-i.-a-room.\"' '$T/play.native' &&
    [ \$(grep -c '^Para' '$T/play.native') -eq 22 ] && ! grep -q '^LineBlock' '$T/play.native'"
printf 'Some text first, a sentence.\n\nTitle\n=====\n\nSome text here that is a sentence.\n\nSection\n-------\n\nMore.\n' >"$T/setext.txt"
native "$T/setext.txt" >"$T/setext.native"
check "headings: setext underlines" sh -c "
    grep -q '^Header 1 (\"title\"' '$T/setext.native' &&
    grep -q '^Header 2 (\"section\"' '$T/setext.native'"
printf 'Title\n=====\n\nSome text here that is a sentence.\n\nSection\n-------\n\nMore.\n' >"$T/setext1.txt"
"$SAMIZDAT" -s -t native "$T/setext1.txt" >"$T/setext1.native" 2>/dev/null
check "title: a text's underlined first line is its title" sh -c "
    grep -q 'MetaEntry \"title\"' '$T/setext1.native' && ! grep -q '^Header 1 (\"title\"' '$T/setext1.native' &&
    grep -q '^Header 1 (\"section\"' '$T/setext1.native'"
# The catalogue's title: Project Gutenberg's START line when there is no
# footer; the footer's under the title the page prints (and prints again).
printf '*** START OF THE PROJECT GUTENBERG EBOOK THE LONG ROAD ***\n\n\n\nIt was a dark and stormy night; the rain fell in torrents, except at\noccasional intervals, when it was checked by a violent gust of wind.\n\nLater the wind dropped.\n\n*** END OF THE PROJECT GUTENBERG EBOOK THE LONG ROAD ***\n' >"$T/marker.txt"
"$SAMIZDAT" --trace-structure -t json "$T/marker.txt" >"$T/marker.json" 2>"$T/marker.trace"
check "title: the catalogue's title in Gutenberg's START line, said by the trace" sh -c "
    grep -q '\"title\":{\"t\":\"MetaInlines\",\"c\":\[{\"t\":\"Str\",\"c\":\"THE\"}' '$T/marker.json' &&
    grep -q '^$T/marker.txt:1: title (the catalogue.s title in Project Gutenberg.s START line): THE LONG ROAD$' '$T/marker.trace'"
printf '\n\nThe Hidden Valley.\n\n\nA HISTORY\n\nOF THE\n\nNORTH RIDGE MILL.\n\n\nAn Address\n\nby Ann Smith\n\n\n\nThe Hidden Valley.\n\nIt was a dark and stormy night; the rain fell in torrents, except at\noccasional intervals, when it was checked by a violent gust of wind.\n\nLater the wind dropped.\n\n\n\nEnd of the Project Gutenberg EBook of A History of the North Ridge Mill, by Ann Smith\n' >"$T/catalogue.txt"
"$SAMIZDAT" -s -t plain "$T/catalogue.txt" >"$T/catalogue.plain" 2>/dev/null
"$SAMIZDAT" --trace-structure -t json "$T/catalogue.txt" 2>"$T/catalogue.trace" >/dev/null
check "title: the page's title over the catalogue's, which becomes the subtitle" sh -c "
    grep -q '^ *The Hidden Valley$' '$T/catalogue.plain' &&
    grep -q '^ *A History of the North Ridge Mill$' '$T/catalogue.plain' &&
    grep -q ':3: title (the title page.s, printed again over the text; the catalogue.s title, printed under it, is the subtitle): The Hidden Valley$' '$T/catalogue.trace'"
# A title page's title past a series' name and number; printed in full
# where the page's first lines give it in part.
P='It was a dark and stormy night; the rain fell in torrents, except at\noccasional intervals, when it was checked by a violent gust of wind.\n\n'
printf "_Old Tales_\n\n_Edited by_\n\n_A. B. Smith_\n\n_First Series._\n\nIV.\n\n\nTHE HISTORY\nOF\nTHE GOOD KING.\n\nBY\n\nJOHN DOE.\n\n\n$P$P" >"$T/series.txt"
"$SAMIZDAT" --trace-structure -t json "$T/series.txt" 2>"$T/series.trace" >/dev/null
printf "TABLEAU\n\nDE LA VILLE\n\n\n  TABLEAU\n  DE LA VILLE,\n\n  DEPUIS LES ROMAINS.\n\n  Par J. Dupont\n\n\n\nTABLEAU DE LA VILLE.\n\n$P$P" >"$T/part.txt"
"$SAMIZDAT" --trace-structure -t json "$T/part.txt" 2>"$T/part.trace" >/dev/null
check "title: past a series' name and number; the whole where the page gives a part" sh -c "
    grep -q '^$T/series.txt:12: title (the title page.s first title past a series. name (a line ending in Series)): THE HISTORY OF THE GOOD KING$' '$T/series.trace' &&
    grep -q '^$T/part.txt:6: title (the title page.s, printed again in full where the page gives it in part): TABLEAU DE LA VILLE$' '$T/part.trace'"
printf 'Text first.\n\nIntro\n\nText one.\n\nIntro\n\nText two.\n' >"$T/dup.txt"
native "$T/dup.txt" >"$T/dup.native"
check "ids: duplicates get -1" grep -q '"intro-1"' "$T/dup.native"

# Headings in other languages, verse, quotations.
printf 'Erster Teil\n\n\nErstes Kapitel\n\nDer Text beginnt hier und geht weiter, bis die Zeile voll ist und\numbricht, wie es Bücher tun.\n\n\nГЛАВА II\n\nТекст главы.\n\n\n第三回\n\n正文。\n' >"$T/intl.txt"
"$SAMIZDAT" -t native "$T/intl.txt" >"$T/intl.native" 2>/dev/null
check "headings: Erster Teil > Erstes Kapitel, ГЛАВА II, 第三回" sh -c "
    grep -q '^Header 1 (\"erster-teil\"' '$T/intl.native' &&
    grep -q '^Header 2 (\"erstes-kapitel\"' '$T/intl.native' &&
    grep -q '^Header 2 (\"глава-ii\"' '$T/intl.native' && grep -q '^Header 2 (\"第三回\"' '$T/intl.native'"
printf 'The text of a chapter runs on in long lines that fill the width of the\npage as any book set in type would have them, and then it ends here.\n\n        If sailor tales to sailor tunes,\n           Storm and adventure, heat and cold,\n        If schooners, islands, and maroons,\n\n    A quotation set in from the margin runs over two lines of\n    text that are as long as they can be in the measure here.\n\nAnd the text goes on after the quotation, as long as before it did.\n' >"$T/verse.txt"
"$SAMIZDAT" -t native "$T/verse.txt" >"$T/verse.native" 2>/dev/null
nb=$(printf '\302\240')
check "verse: short lines are a LineBlock keeping indents; indented prose a BlockQuote" sh -c "
    grep -q '^LineBlock' '$T/verse.native' && [ \$(grep -c '^  Line' '$T/verse.native') -eq 3 ] &&
    grep -q 'Str \"$nb$nb${nb}Storm\"' '$T/verse.native' && grep -q '^BlockQuote' '$T/verse.native'"

P='The text of a chapter runs on in long lines that fill the width of the\npage as any book set in type would have them, and then it goes on as\nbefore, for a third line as full as the others, and then it ends here.\n\n'
printf "$P$P    Therefore to French I speake and give my direction,\n    For English Dames will live in no subjection.\n\n$P    A quotation set in from the margin runs on in two lines, and\n    Then ends on the second line, as prose set in may well do.\n\n$P    So ends the list of corrections, with the page and line:\n    So ends the list of correction, with the page and line:\n\n    which the printer set as it stood in the first edition of 1901.\n    which the printer set as it stood in the first edition of 1910.\n\n$P$P" >"$T/couplet.txt"
"$SAMIZDAT" -t native "$T/couplet.txt" >"$T/couplet.native" 2>/dev/null
check "verse: two indented lines ending at stops, the first well short: a couplet; prose and pairs of corrections stay quotations" sh -c "
    [ \$(grep -c '^LineBlock' '$T/couplet.native') -eq 1 ] && grep -q 'Str \"Therefore\"' '$T/couplet.native' &&
    [ \$(grep -c '^BlockQuote' '$T/couplet.native') -eq 3 ]"

printf 'CHAPTER I.\n\nThe text before the note, with a marker at its end, as books have.[1]\n\nFOOTNOTES:\n\n[Footnote 1: The note begins here and runs on for a line or\ntwo of its own.\n\nIts second paragraph goes on and closes the note.]\n\nThe text after.\n' >"$T/notes2.txt"
"$SAMIZDAT" -t native "$T/notes2.txt" >"$T/notes2.native" 2>/dev/null
"$SAMIZDAT" --trace-structure -t json "$T/notes2.txt" 2>"$T/notes2.trace" >"$T/notes2.json"
check "notes: a bracketed note runs on to its closing bracket, paragraph by paragraph; FOOTNOTES: over it is their label" sh -c "
    [ \$(grep -c '^Para' '$T/notes2.native') -eq 2 ] && [ \$(grep -c '^    Para' '$T/notes2.native') -eq 2 ] &&
    grep -q '^Div (\"\",\\[\"notes\"\\],\\[\\])' '$T/notes2.native' &&
    grep -q '^$T/notes2.txt:10: skipped (a further paragraph of the note above' '$T/notes2.trace' &&
    python3 '$D/words.py' --corpus '$SAMIZDAT' '$T/notes2.txt' | grep -q ' 0 with text lost'"

# Verse, plays and paragraphs told apart by the shape of their lines:
# shapes/NAME.txt read as the exact block tree shapes/NAME.tree (tree.py).
for f in "$D"/shapes/*.txt; do
    n=$(basename "$f" .txt)
    "$SAMIZDAT" -f essay -t json "$f" 2>/dev/null | python3 "$D/tree.py" >"$T/$n.tree"
    check_same "shapes: $n" "$D/shapes/$n.tree" "$T/$n.tree"
done

# Lists.
printf 'Intro text here.\n\n- apples and\n  pears\n- oranges\n\n1. one\n2. two\n\n(a) first\n(b) second\n' >"$T/lists.txt"
"$SAMIZDAT" -t native "$T/lists.txt" >"$T/lists.native" 2>/dev/null
check "lists: bullets with continuation lines, 1. and (a) items" sh -c "
    grep -q '^BulletList' '$T/lists.native' && grep -q '^OrderedList (1,Decimal,Period)' '$T/lists.native' &&
    grep -q '^OrderedList (1,LowerAlpha,TwoParens)' '$T/lists.native' &&
    grep -q 'Str \"pears\"' '$T/lists.native' && [ \$(grep -c '^  Item' '$T/lists.native') -eq 6 ]"
printf 'Steps:\n\n1. Take the first road\nto the left.\n\n2. Then the second.\n\n3. Then stop.\n\nDone.\n\n1789. A year.\n\n1790. Another.\n' >"$T/loose.txt"
"$SAMIZDAT" -t native "$T/loose.txt" >"$T/loose.native" 2>/dev/null
check "lists: items in blocks of their own are one list of plain items; years are not items" sh -c "
    [ \$(grep -c '^OrderedList (1,Decimal,Period)' '$T/loose.native') -eq 1 ] &&
    [ \$(grep -c '^  Item' '$T/loose.native') -eq 3 ] && [ \$(grep -c '^    Plain' '$T/loose.native') -eq 3 ] &&
    grep -q 'Str \"1789.\"' '$T/loose.native'"

# Figures and footnotes.
printf 'Some text[1], more[4] and more[2] and [3].\n\n[Illustration: The Mock Turtle\nand the Gryphon]\n\n[1] The first note.\n\n[Footnote 2: The second\nnote.]\n\n    [Note 4: The fourth.]\n' >"$T/notes.txt"
"$SAMIZDAT" -t native "$T/notes.txt" >"$T/notes.native" 2>"$T/notes.err"
check "notes: [1], [Footnote 2: ...] and [Note 4: ...] become notes at their markers" sh -c "
    [ \$(grep -c '^  Note' '$T/notes.native') -eq 3 ] && ! grep -q 'BlockQuote' '$T/notes.native' && grep -q 'Str \"\[3\].\"' '$T/notes.native' &&
    grep -q 'marker \[3\] has no note text' '$T/notes.err' && ! grep -q 'first note' '$T/notes.err'"
check "figures: [Illustration: caption] is a figure with its caption" sh -c "
    grep -q '^Figure' '$T/notes.native' && grep -q '^    Plain' '$T/notes.native' &&
    ! grep -q 'Illustration' '$T/notes.native'"
printf 'It is a royal fish.* Whales were *seen* there.\n\n*See later chapters.\n\nA stray * and\nan ellipsis * * * here.*\n\nText.\n\nText.\n\nText.\n\nText.\n\n*Too far to be its note.\n' >"$T/star.txt"
"$SAMIZDAT" -t native "$T/star.txt" >"$T/star.native" 2>/dev/null
check "notes: a bare * marks a note whose text follows closely; emphasis and * * * are text" sh -c "
    [ \$(grep -c '^  Note' '$T/star.native') -eq 1 ] && grep -q '^  Emph' '$T/star.native' &&
    grep -qF 'Str \"*Too\"' '$T/star.native' && grep -qF 'Str \"here.*\"' '$T/star.native'"
printf '“Guten Morgen!” * he said, “Hoch!” *(2) and left.\n\n    * “Good morning!”\n\n    * (2) “Hurrah!”\n\nThe end.\n' >"$T/star2.txt"
"$SAMIZDAT" -t native "$T/star2.txt" >"$T/star2.native" 2>/dev/null
check "notes: spaced * markers after a quotation, '* text' note texts" sh -c "
    [ \$(grep -c '^  Note' '$T/star2.native') -eq 2 ] && ! grep -q 'BulletList' '$T/star2.native'"

# Bad input: documented exit codes, clear messages, no crash, linear time.
: >"$T/empty.txt"
check_exit "bad input: empty file (exit 0)" 0 "$SAMIZDAT" -t native "$T/empty.txt"
# Seeded, so that a failure reproduces: the same bytes on every run.
for seed in 1 2 3 4 5 6 7 8; do
    python3 -c "import random,sys; r=random.Random($seed); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))" >"$T/garbage$seed.bin"
    check_exit "bad input: binary garbage, seed $seed (exit 0, warnings)" 0 "$SAMIZDAT" -t native "$T/garbage$seed.bin"
done
printf 'one\000two\001three\n' >"$T/nul.txt"
"$SAMIZDAT" -t native "$T/nul.txt" >"$T/nul.native" 2>"$T/nul.err"
check "bad input: NUL becomes U+FFFD with a warning naming the offset" sh -c "
    grep -q 'one�two' '$T/nul.native' && grep -q 'NUL byte.*byte offset 3' '$T/nul.err' &&
    grep -q 'U+0001.*byte offset 7' '$T/nul.err'"
python3 -c "import sys; sys.stdout.write('\n' * 100000)" >"$T/blank.txt"
check_exit "bad input: 100k blank lines (exit 0)" 0 "$SAMIZDAT" -t native "$T/blank.txt"
if [ "${SZ_ASAN:-0}" = 1 ]; then size=1000000; limit=20; else size=10000000; limit=2; fi
python3 -c "
import sys
w = 'word _emph \"quote\" -- dash... *star '
sys.stdout.write((w * ($size // len(w) + 1))[:$size] + '\n')" >"$T/long.txt"
# CPU seconds (user + system) of the run: the machine is shared, and the
# bound is about the algorithm, not about the neighbours.
cputime() {
    python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d %.2f" % (r.returncode, u.ru_utime + u.ru_stime))' "$@"
}
set -- $(cputime "$SAMIZDAT" -t native "$T/long.txt")
check "bad input: a $size-byte line in under ${limit}s (exit 0; took ${2}s)" sh -c "
    [ $1 -eq 0 ] && python3 -c 'import sys; sys.exit(0 if $2 < $limit else 1)'"
python3 -c "import sys; sys.stdout.write('_a ' * 400000 + '\n')" >"$T/openers.txt"
set -- $(cputime "$SAMIZDAT" -t native "$T/openers.txt")
check "bad input: 400k unmatched emphasis openers in linear time (took ${2}s)" sh -c "
    [ $1 -eq 0 ] && python3 -c 'import sys; sys.exit(0 if $2 < $limit else 1)'"
python3 -c "
import sys
sys.stdout.write('Text with a marker[1] and another[2].\n\n' * 30000 + '[1] A note.\n\n' * 30000)" >"$T/manynotes.txt"
set -- $(cputime "$SAMIZDAT" -t native "$T/manynotes.txt")
check "bad input: 60k note markers and 30k note texts in linear time (took ${2}s)" sh -c "
    [ $1 -eq 0 ] && python3 -c 'import sys; sys.exit(0 if $2 < $limit * 2 else 1)'"

# Real books: every one parses and keeps all its words in order (boilerplate
# kept so the input and the output are the same text).
if ! have_shared; then
    skip "corpus: no text lost in any book: ../shared/corpus/gutenberg is absent"
elif [ "${SZ_ASAN:-0}" = 1 ]; then
    G=$SZ_SHARED/corpus/gutenberg
    check "corpus: 5 books under the sanitizers, no text lost" python3 "$D/words.py" --corpus \
        "$SAMIZDAT" "$G/11-0.txt" "$G/24264-0.txt" "$G/ru_gogol_shinel.txt" "$G/11870-8.txt" \
        "$G/pg7256.txt"
else
    python3 "$D/words.py" --corpus "$SAMIZDAT" "$SZ_SHARED"/corpus/gutenberg/*.txt >"$T/corpus.out" 2>&1
    check "corpus: every book parses, no text lost ($(tail -1 "$T/corpus.out"))" \
        grep -q ' 0 with text lost' "$T/corpus.out"
fi
if have_shared && [ "${SZ_ASAN:-0}" != 1 ]; then
    python3 "$D/manifest.py" "$SAMIZDAT" "$SZ_SHARED/corpus/gutenberg" >"$T/manifest.out" 2>&1
    check "corpus: title and author as MANIFEST.tsv lists them ($(tail -1 "$T/manifest.out"))" \
        grep -q ' 0 wrong' "$T/manifest.out"
else
    skip "corpus: title and author of every book: no corpus, or a sanitizer build (metadata code is run above)"
fi

# Outlines of small texts, one convention each (tests/essay/outline/*.txt):
# headings, contents lists, title pages, as outline.py prints the tree.
for f in "$D"/outline/*.txt; do
    n=$(basename "$f" .txt)
    if "$SAMIZDAT" -f essay -t json "$f" -o "$T/$n.json" 2>"$T/err" &&
        python3 "$D/outline.py" "$T/$n.json" >"$T/$n.outline"; then
        check_same "outline: $n" "$D/outline/$n.outline" "$T/$n.outline"
    else
        fail "outline: $n: $(head -c 300 "$T/err")"
    fi
done
