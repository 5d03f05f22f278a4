# tests/pathological/encodings.sh — sourced by suite.sh.  UTF-16 with and
# without its BOM, in Latin and in alphabets whose high byte is not NUL
# (Cyrillic, Greek, Arabic), little- and big-endian, through every reader
# that takes text (plain text, Markdown in its three flavours, HTML): each
# is decoded, with a warning where there is no BOM, and the words come out
# whole.  Read as UTF-8 they became U+FFFD with exit 0.
enc_dir=$SZ_TMP/enc
mkdir -p "$enc_dir"
python3 - "$enc_dir" <<'PY'
import sys
d = sys.argv[1]
texts = {'latin': 'Hello world, this is a text.\nSecond line here zzend.\n',
         'cyrillic': 'Привет мир, это текст.\nВторая строка zzend.\n',
         'greek': 'Καλημέρα κόσμε, αυτό είναι κείμενο.\nzzend.\n',
         'arabic': 'مرحبا بالعالم، هذا نص.\nzzend.\n'}
for name, t in texts.items():
    for enc, bom in (('utf-16-le', ''), ('utf-16-be', ''), ('utf-16', 'bom')):
        tag = enc[-2:] if not bom else 'bom'
        open(f'{d}/{name}-{tag}.txt', 'wb').write(t.encode(enc))
        open(f'{d}/{name}-{tag}.html', 'wb').write(('<p>' + t + '</p>\n').encode(enc))
        open(f'{d}/{name}.want', 'w').write(t.split()[0].strip(',') + '\n')
PY
for f in "$enc_dir"/*.txt "$enc_dir"/*.html; do
    base=${f##*/}
    name=${base%%-*}
    want=$(cat "$enc_dir/$name.want")
    case $f in *.html) readers=html ;; *) readers="essay markdown commonmark gfm" ;; esac
    bad=""
    for r in $readers; do
        timeout 20 "$SAMIZDAT" -f $r -t plain "$f" >"$enc_dir/out" 2>"$enc_dir/err"
        rc=$?
        if [ $rc -ne 0 ]; then
            bad="-f $r: exit $rc: $(head -c 200 "$enc_dir/err")"
        elif ! grep -q "$want" "$enc_dir/out" || ! grep -q zzend "$enc_dir/out" ||
             grep -q "$(printf '\357\277\275')" "$enc_dir/out"; then
            bad="-f $r: not decoded: $(head -c 80 "$enc_dir/out")"
        elif case $base in *-bom.*) false ;; esac && ! grep -q 'UTF-16' "$enc_dir/err"; then
            bad="-f $r: no warning that the input was taken for UTF-16"
        fi
        [ -n "$bad" ] && break
    done
    if [ -n "$bad" ]; then fail "pathological utf-16 $base: $bad"; else
        pass "pathological utf-16 $base"; fi
done
