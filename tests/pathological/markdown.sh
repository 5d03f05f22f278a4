# tests/pathological/markdown.sh — sourced by suite.sh.  Hostile Markdown:
# texts of a million brackets (or unclosed raw TeX braces) that once took time quadratic in their length
# (directly and through pandoc.read), notes that each got all of the text's
# link definitions appended (output quadratic in the text), a "---" block
# that is not YAML metadata.  Each must end in a correct output within the
# time limit; the release build gets inputs a quadratic pass could not
# finish within it (4 MB: over a minute before), the sanitizer build 1/10.
md_dir=$SZ_TMP/md
mkdir -p "$md_dir"
python3 - "$md_dir" "$scale" <<'PY'
import sys
d, scale = sys.argv[1], float(sys.argv[2])
n = int(1000000 * scale)
open(d + '/notes-refs.md', 'w').write('[^a]' * n + ' zzend\n')
open(d + '/open-brackets.md', 'w').write('a[ ' * (4 * n // 3) + 'zzend\n')
open(d + '/inline-notes.md', 'w').write('^[' * (2 * n) + ' zzend\n')
open(d + '/tex-braces.md', 'w').write('\\a{ ' * n + 'zzend\n')
k = n // 50
notes = ''.join('A[^%d] [r%d].\n\n' % (i, i) for i in range(k))
notes += ''.join('[^%d]: note [a] [r%d]\n\n' % (i, i) for i in range(k))
notes += '[a]: /u "t "q" i"\n[b]: /v\n'
notes += ''.join('[r%d]: /x%d\n' % (i, i) for i in range(k))
open(d + '/notes-defs.md', 'w').write(notes + '\nzzend\n')
PY

# md_ok NAME FILE FORMAT: converts within the limit, exit 0, the end there.
md_ok() {
    timeout $limit "$SAMIZDAT" -q -f $3 -t json -o "$md_dir/out.json" "$2" 2>"$md_dir/err"
    rc=$?
    if [ $rc -ne 0 ]; then
        fail "pathological $1: exit $rc: $(head -c 200 "$md_dir/err")"
    elif ! grep -q zzend "$md_dir/out.json"; then
        fail "pathological $1: output incomplete (the last word is missing)"
    else
        pass "pathological $1"
    fi
}
md_ok markdown-notes-refs "$md_dir/notes-refs.md" markdown
md_ok markdown-open-brackets "$md_dir/open-brackets.md" markdown
md_ok markdown-inline-notes "$md_dir/inline-notes.md" markdown
md_ok markdown-tex-braces "$md_dir/tex-braces.md" markdown
md_ok gfm-notes-refs "$md_dir/notes-refs.md" gfm

# The same through pandoc.read in a filter (2 MB of each: over 30 s before).
cat > "$md_dir/read.lua" <<LUA
function Pandoc(d)
  local n = $(awk -v s="$scale" 'BEGIN { printf "%d", 500000 * s }')
  local a = pandoc.read(string.rep('[^a]', n) .. ' zzend', 'markdown')
  local b = pandoc.read(string.rep('a[ ', n) .. 'zzend', 'markdown')
  return pandoc.Pandoc({ a.blocks[1], b.blocks[1] })
end
LUA
echo x > "$md_dir/x.md"
timeout $limit "$SAMIZDAT" -q -f markdown -t json -L "$md_dir/read.lua" -o "$md_dir/out.json" \
    "$md_dir/x.md" 2>"$md_dir/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -o zzend "$md_dir/out.json" | wc -l)" -eq 2 ]; then
    pass "pathological markdown-pandoc.read-brackets"
else
    fail "pathological markdown-pandoc.read-brackets: exit $rc: $(head -c 200 "$md_dir/err")"
fi

# Notes and link definitions: each note gets the definitions it names, and
# a definition line md4c does not take (a title with quotes inside) is the
# text's paragraph once, not every note's.
timeout $limit "$SAMIZDAT" -q -f markdown -t json -o "$md_dir/out.json" "$md_dir/notes-defs.md" \
    2>"$md_dir/err"
rc=$?
in_size=$(wc -c < "$md_dir/notes-defs.md")
out_size=$(wc -c < "$md_dir/out.json" 2>/dev/null || echo 0)
quoted=$(grep -o '"t":"Quoted"' "$md_dir/out.json" | wc -l)
if [ $rc -ne 0 ]; then
    fail "pathological markdown-notes-defs: exit $rc: $(head -c 200 "$md_dir/err")"
elif [ "$quoted" -ne 1 ] || [ "$out_size" -gt $((in_size * 40)) ]; then
    fail "pathological markdown-notes-defs: $quoted copies of the bad definition, $out_size bytes of JSON from $in_size"
elif ! grep -q '"/x0"' "$md_dir/out.json" || ! grep -q zzend "$md_dir/out.json"; then
    fail "pathological markdown-notes-defs: a note's link or the last word is missing"
else
    pass "pathological markdown-notes-defs"
fi
printf 'A[^1].\n\n[^1]: see [Foo] and [bar][x]\n\n[foo]: /f\n[X]: /x "t"\n[c]: /u "t "q" i"\n' |
    "$SAMIZDAT" -f markdown -t native > "$md_dir/note.native" 2>&1
cat > "$md_dir/note.want" <<'EOF'
Para
  Str "A"
  Note
    Para
      Str "see"
      Space
      Link ("",[],[]) "/f" ""
        Str "Foo"
      Space
      Str "and"
      Space
      Link ("",[],[]) "/x" "t"
        Str "bar"
  Str "."
Para
  Str "[c]:"
  Space
  Str "/u"
  Space
  Quoted DoubleQuote
    Str "t"
  Str "q”"
  Space
  Str "i”"
EOF
check_same "pathological markdown-note-uses-definitions" "$md_dir/note.want" "$md_dir/note.native"

# "---", a line, "---" that is not a YAML mapping is text, as in pandoc: a
# rule and a setext heading (gfm); a null block is no metadata at all.
printf -- '---\nFoo\n---\nBar\n' > "$md_dir/rule.md"
for f in gfm markdown; do
    "$SAMIZDAT" -f $f -t native "$md_dir/rule.md" > "$md_dir/rule.native" 2>&1
    printf 'HorizontalRule\nHeader 2 ("foo",[],[])\n  Str "Foo"\nPara\n  Str "Bar"\n' > "$md_dir/rule.want"
    check_same "pathological $f-yaml-not-a-mapping" "$md_dir/rule.want" "$md_dir/rule.native"
done
printf -- '---\n- a\n---\n\nBar\n' | "$SAMIZDAT" -f gfm -t native > "$md_dir/list.native" 2>&1
printf 'HorizontalRule\nBulletList\n  Item\n    Plain\n      Str "a"\nHorizontalRule\nPara\n  Str "Bar"\n' \
    > "$md_dir/list.want"
check_same "pathological gfm-yaml-list-is-text" "$md_dir/list.want" "$md_dir/list.native"
printf -- '---\n~\n---\n\nBar\n' | "$SAMIZDAT" -f markdown -t native > "$md_dir/null.native" 2>&1
printf 'Para\n  Str "Bar"\n' > "$md_dir/null.want"
check_same "pathological markdown-yaml-null-is-no-metadata" "$md_dir/null.want" "$md_dir/null.native"
printf -- '---\nfoo: [a\n---\n\nBar\n' > "$md_dir/bad.yaml.md"
check_exit "pathological markdown-yaml-error-still-an-error" 64 \
    "$SAMIZDAT" -f markdown -t native "$md_dir/bad.yaml.md"

# Memory: a Markdown text of one 16 MB line (2.6 million words; once 3.8 GB
# for 50 MB) through every writer peaks at no more than three times its
# size plus 10 MB (the maximum resident size of the process, from
# getrusage).  Not under the sanitizers, whose shadow memory it would count.
if [ "${SZ_ASAN:-0}" != 1 ]; then
    python3 - "$md_dir/line.md" <<'PY'
import random, sys
random.seed(12)
w = ['alpha', 'beta,', 'gamma', 'delta.', 'of', 'the', 'naïve', 'Über', 'word;', '1914']
s = ' '.join(random.choice(w) for _ in range(2600000))
open(sys.argv[1], 'w').write(s + ' zzend\n')
PY
    size=$(wc -c < "$md_dir/line.md")
    max_kb=$((3 * size / 1024 + 10240))
    for w in json native plain html tei epub; do
        got=$(python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' \
            timeout $limit "$SAMIZDAT" -q -f markdown -t $w -o "$md_dir/line.$w" "$md_dir/line.md")
        set -- $got
        if [ "$1" != 0 ]; then
            fail "pathological markdown-long-line-memory ->$w: exit $1"
        elif [ "$2" -gt $max_kb ]; then
            fail "pathological markdown-long-line-memory ->$w: $2 KB at peak for $size bytes (at most $max_kb)"
        elif ! { [ $w = epub ] && unzip -p "$md_dir/line.$w" '*.xhtml' || cat "$md_dir/line.$w"; } |
               grep -q zzend; then
            fail "pathological markdown-long-line-memory ->$w: output incomplete"
        else
            pass "pathological markdown-long-line-memory ->$w: $2 KB at peak for $size bytes"
        fi
    done
fi
