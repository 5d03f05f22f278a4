# tests/pathological/codepoints.sh — sourced by suite.sh.  Every code point
# class a line breaker may stumble on (noncharacters such as U+FFFF, which
# libunibreak's UTF-8 reader takes for its end-of-text mark; private use;
# unassigned; tag characters; unpaired surrogates as CESU-8 or WTF-8 decode
# them; sequences cut short or out of range, which only a Lua filter can
# make) in a line longer than --columns and in the title of the EPUB cover,
# through every reader that can carry it and every writer.  Each must exit 0
# with the whole text: plain text keeps the character itself.
cp_dir=$SZ_TMP/cp
mkdir -p "$cp_dir"
long=$(printf 'b%.0s' $(seq 80))
words=$(printf ' word%.0s' $(seq 30))
cat > "$cp_dir/inject.lua" <<'LUA'
-- Puts the bytes of SZ_CP (a Lua string literal's body) where the text says X.
local s = load('return "' .. os.getenv('SZ_CP') .. '"')()
local function put(t) return (t:gsub('X', function() return s end)) end
return {{ Str = function(e) if e.text:find('X') then return pandoc.Str(put(e.text)) end end,
          Meta = function(m) m.title = pandoc.Inlines{pandoc.Str(put('aX' .. string.rep(' title', 20)))}
                             return m end }}
LUA

# cp_run NAME TEXT_IN_PLAIN ARGS...: every writer, -s; plain text (which
# wraps) at columns 40 and 1.  Under ASan only the writers that wrap: plain
# and EPUB (its cover wraps the title).
cp_writers="plain:40 plain:1 epub:40 json:40 native:40 html:40 tei:40"
[ "${SZ_ASAN:-0}" = 1 ] && cp_writers="plain:40 plain:1 epub:40"
cp_run() {
    name=$1 want=$2; shift 2
    bad=""
    for wc in $cp_writers; do
        w=${wc%:*} c=${wc#*:}
        out=$cp_dir/out.$w
        rm -f "$out"
        timeout 20 "$SAMIZDAT" -q -s -t $w --columns=$c -M lang=en -o "$out" "$@" \
            2>"$cp_dir/err"
        rc=$?
        if grep -q 'Sanitizer\|runtime error' "$cp_dir/err"; then
            bad="$w: $(grep -m1 'ERROR\|runtime error' "$cp_dir/err")"
        elif [ $rc -ne 0 ]; then
            bad="$w --columns=$c: exit $rc: $(head -c 200 "$cp_dir/err")"
        elif ! text_of $w "$out" | grep -q zzend; then
            bad="$w --columns=$c: output incomplete"
        elif [ $w = plain ] && [ -n "$want" ] && ! grep -q "$want" "$out"; then
            bad="plain --columns=$c: the character is lost"
        fi
        [ -n "$bad" ] && break
    done
    if [ -n "$bad" ]; then fail "pathological codepoint $name: $bad"; else
        pass "pathological codepoint $name"; fi
}

for cp in FFFF FFFE FDD0 FDEF 1FFFF 10FFFF E000 F8FF F0000 10FFFD 0378 E0001 2FFFE; do
    ch=$(python3 -c "import sys; sys.stdout.buffer.write(chr(0x$cp).encode())")
    for reader in essay markdown; do
        f=$cp_dir/$cp.$reader.txt
        printf 'Title a%s of a book\n\n\na%s%s\n\n%s%s zzend\n' "$ch" "$ch" "$long" "$ch" "$words" > "$f"
        cp_run "U+$cp ($reader)" "$ch" -f $reader "$f"
    done
    f=$cp_dir/$cp.json
    esc=$(python3 -c "import json; print(json.dumps(chr(0x$cp))[1:-1])")
    printf '{"pandoc-api-version":[1,23,1],"meta":{"title":{"t":"MetaString","c":"a%sb title"}},"blocks":[{"t":"Para","c":[{"t":"Str","c":%s},{"t":"Space"},{"t":"Str","c":"zzend"}]}]}\n' \
        "$esc" "$(python3 -c "import json; print(json.dumps('a' + chr(0x$cp) + 'b' * 80))")" > "$f"
    cp_run "U+$cp (json)" "$ch" -f json "$f"
done
# From a Lua filter: surrogates, a cut sequence at the end of a string and
# before more text, a code point past U+10FFFF, bytes that start nothing.
printf 'aX%s zzend\n\nX%s zzend\n' "$long" "$words" > "$cp_dir/lua.txt"
for cp in '\u{D800}' '\u{DFFF}' '\xed\xa0\x80\xed\xb0\x80' '\u{FFFF}' '\xe0' '\xe0\x80' '\xf0\x9f\x98' \
          '\xf4\x90\x80\x80' '\xff' '\xc0\x80' '\x80\x80'; do
    SZ_CP=$cp cp_run "Lua $cp" "" -L "$cp_dir/inject.lua" "$cp_dir/lua.txt"
done
