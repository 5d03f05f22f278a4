# tests/pathological/luaerrors.sh — sourced by suite.sh.  A filter that
# returns an element without its content is refused (a Para made empty
# would lose its text without a word), and a bad value names the filter's
# FILE:LINE, not only "[C]: in ?".
le_dir=$SZ_TMP/luaerr
mkdir -p "$le_dir"
printf 'Some text that must not vanish.\n' > "$le_dir/in.txt"
# le_case NAME LINE LUA: exit 83, the message starts with NAME.lua:LINE:.
le_case() {
    printf '%s\n' "$3" > "$le_dir/$1.lua"
    "$SAMIZDAT" -t json -o "$le_dir/out.json" -L "$le_dir/$1.lua" "$le_dir/in.txt" 2>"$le_dir/err"
    rc=$?
    if [ $rc -ne 83 ] || grep -q Sanitizer "$le_dir/err"; then
        fail "pathological lua-$1: exit $rc, wanted 83: $(head -c 200 "$le_dir/err")"
    elif ! grep -q "^$le_dir/$1.lua:$2: " "$le_dir/err"; then
        fail "pathological lua-$1: no $1.lua:$2: in: $(head -c 300 "$le_dir/err" | tr '\n' ' ')"
    elif [ -e "$le_dir/out.json" ]; then
        fail "pathological lua-$1: an output was written"
    else
        pass "pathological lua-$1"
    fi
}
le_case para-no-content 2 "-- a hand-built Para without content
function Para(p) return {t = 'Para'} end"
le_case para-c-field 1 "function Para(p) return {t = 'Para', c = {}} end"
le_case para-ctor-empty 1 "function Para(p) return pandoc.Para() end"
le_case plain-ctor-empty 2 "function Para(p)
  local x = pandoc.Plain()
  return x
end"
le_case str-no-text 1 "function Str(s) return {t = 'Str'} end"
le_case content-number 1 "function Para(p)
  p.content = 7
  return p
end"
le_case blocks-number 1 "function Pandoc(d) d.blocks = {42} return d end"
le_case concat-error 2 "function Str(s)
  return pandoc.Str(42 .. {})
end"

# A filter that makes text which is not UTF-8 (a Str, a link's target and
# title, an id, a class, an attribute, metadata): as pandoc, each broken
# sequence becomes U+FFFD before any writer sees it; a warning names the
# filter.  Every writer's output is valid UTF-8.
cat > "$le_dir/badutf8.lua" <<'LUA'
function Str(s)
  if s.text == 'text' then return pandoc.Str('te\xffxt\xc3') end
end
function Para(p)
  p.content:insert(pandoc.Link('l\xfe', 'http://x/\xff', 't\x80',
                               pandoc.Attr('i\xff', {'c\xff'}, {k = 'v\xff'})))
  return p
end
function Meta(m) m.title = pandoc.MetaString('T\xff') return m end
LUA
for w in json native plain html tei epub; do
    "$SAMIZDAT" -t $w -o "$le_dir/bad.$w" -L "$le_dir/badutf8.lua" "$le_dir/in.txt" 2>"$le_dir/err"
    rc=$?
    if [ $w = epub ]; then unzip -p "$le_dir/bad.$w" > "$le_dir/bad.txt" 2>/dev/null
    else cp "$le_dir/bad.$w" "$le_dir/bad.txt"; fi
    if [ $rc -ne 0 ]; then
        fail "pathological lua-invalid-utf8 ->$w: exit $rc: $(head -c 200 "$le_dir/err")"
    elif ! grep -q "^$le_dir/badutf8.lua: warning: .*not UTF-8.*U+FFFD" "$le_dir/err"; then
        fail "pathological lua-invalid-utf8 ->$w: no warning naming the filter: $(head -c 200 "$le_dir/err")"
    elif ! python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' < "$le_dir/bad.txt" 2>/dev/null; then
        fail "pathological lua-invalid-utf8 ->$w: output is not UTF-8"
    elif ! grep -q "te�xt�" "$le_dir/bad.txt"; then
        fail "pathological lua-invalid-utf8 ->$w: the text is not te\\ufffdxt\\ufffd"
    else
        pass "pathological lua-invalid-utf8 ->$w"
    fi
done
