#!/bin/sh
# tests/lua/templates.sh — -s --template FILE with pandoc's template
# language, for the plain and HTML writers and a Lua writer: the outputs
# must be what pandoc gave for the same template (templates/*.out, made by
# pandoc 2.17 and looked at); then formats samizdat lacks, through pandoc.
# Sourced by suite.sh.
TT=$SZ_ROOT/tests/lua/templates
cd "$TT" || exit 1
"$SAMIZDAT" -f markdown doc.md -t plain --template plain.txt -V v=1 > "$SZ_TMP/t-plain.out" 2>&1
check_same "lua/template-plain" plain.out "$SZ_TMP/t-plain.out"
"$SAMIZDAT" -f markdown doc.md -t html --template page.html > "$SZ_TMP/t-page.out" 2>&1
check_same "lua/template-html" page.out "$SZ_TMP/t-page.out"
"$SAMIZDAT" -f markdown doc.md -t "$SZ_ROOT/tests/lua/writers/classic.lua" --template writer.txt \
    > "$SZ_TMP/t-writer.out" 2>&1
if head -1 "$SZ_TMP/t-writer.out" | grep -q '^A fine title|Ann+Bob$'; then pass "lua/template-lua-writer"
else fail "lua/template-lua-writer: $(head -c 200 "$SZ_TMP/t-writer.out")"; fi
printf '${ nosuch() }\n' > "$SZ_TMP/bad.txt"
check_exit "lua/template-missing-partial" 85 "$SAMIZDAT" -f markdown doc.md -t plain --template "$SZ_TMP/bad.txt"
if ! grep -q "Could not find data file templates/nosuch.txt" "$SZ_TMP/exit.err"; then
    fail "lua/template-missing-partial-message: $(head -c 200 "$SZ_TMP/exit.err")"
fi
check_exit "lua/template-binary-writer" 2 "$SAMIZDAT" -f markdown doc.md -o "$SZ_TMP/x.epub" --template plain.txt

# Formats samizdat lacks go through pandoc; without it, a clear error.
check_exit "lua/pandoc-missing-reader" 21 env SZ_PANDOC=/nonexistent/pandoc "$SAMIZDAT" -f docx doc.md
if ! grep -q "input format 'docx' needs pandoc.*apt install pandoc" "$SZ_TMP/exit.err"; then
    fail "lua/pandoc-missing-reader-message: $(head -c 200 "$SZ_TMP/exit.err")"
fi
check_exit "lua/pandoc-missing-writer" 22 env SZ_PANDOC=/nonexistent/pandoc "$SAMIZDAT" -f markdown doc.md -t rst
if command -v pandoc >/dev/null 2>&1; then
    api=
    case $(pandoc --version | head -1) in *\ 2.*) api="--pandoc-api 1.22" ;; esac
    # -t docx: our JSON through pandoc; -f docx: pandoc's JSON into ours.
    "$SAMIZDAT" -f markdown doc.md -o "$SZ_TMP/doc.docx" 2> "$SZ_TMP/docx.err"
    pandoc "$SZ_TMP/doc.docx" -t json > "$SZ_TMP/want.json"
    "$SAMIZDAT" $api "$SZ_TMP/doc.docx" -t json -o "$SZ_TMP/got.json" 2>> "$SZ_TMP/docx.err"
    check "lua/pandoc-docx-roundtrip" python3 "$SZ_ROOT/tests/json/jsoncmp.py" "$SZ_TMP/want.json" "$SZ_TMP/got.json"
    if pandoc "$SZ_TMP/doc.docx" -t plain | grep -q 'Para one'; then pass "lua/pandoc-docx-writer"
    else fail "lua/pandoc-docx-writer: $(head -c 200 "$SZ_TMP/docx.err")"; fi
    # pandoc.read and pandoc.write in a filter
    cat > "$SZ_TMP/org.lua" <<'LUA'
function Pandoc(doc)
  local org = pandoc.read('* Heading\nsome /emphasis/', 'org')
  local tex = pandoc.write(org, 'latex')
  return pandoc.Pandoc({pandoc.Para(tex:match('\\emph{(%a+)}'))})
end
LUA
    "$SAMIZDAT" -f markdown doc.md -t plain -L "$SZ_TMP/org.lua" > "$SZ_TMP/org.out" 2>&1
    if grep -q '^emphasis$' "$SZ_TMP/org.out"; then pass "lua/pandoc-read-write-org-latex"
    else fail "lua/pandoc-read-write-org-latex: $(head -c 200 "$SZ_TMP/org.out")"; fi
else
    skip "lua/pandoc-formats: no pandoc installed"
fi
cd "$T" || exit 1
