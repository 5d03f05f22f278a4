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
