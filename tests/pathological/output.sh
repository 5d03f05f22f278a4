# tests/pathological/output.sh — sourced by suite.sh.  Where output goes:
# a full disk gives one clear error for every writer, an empty document
# still gives a valid document, a device or a pipe named with -o is written
# into, never replaced by a file.
out_dir=$SZ_TMP/output
mkdir -p "$out_dir"
essay=$SZ_ROOT/examples/essay.txt

# Disk full (/dev/full), through -o and through standard output: exit 1,
# one line naming the file and the system's reason, nothing from libxml2.
if [ -c /dev/full ]; then
    for w in plain json native html epub tei; do
        for how in o stdout; do
            if [ $how = o ]; then
                "$SAMIZDAT" -q -t $w -o /dev/full "$essay" 2>"$out_dir/err"
                rc=$? name=/dev/full
            else
                "$SAMIZDAT" -q -t $w "$essay" 2>"$out_dir/err" >/dev/full
                rc=$? name="standard output"
            fi
            if [ $rc -ne 1 ] || [ "$(wc -l < "$out_dir/err")" -ne 1 ] ||
               ! grep -q "^$name: error: cannot write: No space left on device$" "$out_dir/err"; then
                fail "pathological disk-full ->$w ($how): exit $rc: $(head -c 300 "$out_dir/err" | tr '\n' '|')"
            else
                pass "pathological disk-full ->$w ($how)"
            fi
        done
    done
    [ -c /dev/full ] || fail "pathological disk-full: /dev/full is no longer a device"
else
    skip "pathological disk-full: no /dev/full"
fi

# A FIFO named with -o is written into (as /dev/null or /dev/stdout would
# be), not replaced by a file renamed over it.
mkfifo "$out_dir/fifo"
cat "$out_dir/fifo" > "$out_dir/from-fifo" &
reader=$!
timeout 20 "$SAMIZDAT" -q -t native -o "$out_dir/fifo" "$essay" 2>"$out_dir/err"
rc=$?
[ $rc -eq 0 ] || kill $reader 2>/dev/null
wait $reader
if [ $rc -eq 0 ] && [ -p "$out_dir/fifo" ] && grep -q '^Para' "$out_dir/from-fifo"; then
    pass "pathological output-into-fifo"
else
    fail "pathological output-into-fifo: exit $rc, $(ls -l "$out_dir/fifo"): $(head -c 200 "$out_dir/err")"
fi

# An empty document: pandoc's JSON and native writers give an empty
# document ({"blocks":[]...}, []), never nothing; an empty HTML file is an
# empty document.
for f in markdown gfm commonmark essay html; do
    : > "$out_dir/empty"
    "$SAMIZDAT" -f $f -t native -o "$out_dir/empty.native" "$out_dir/empty" 2>"$out_dir/err"
    rc1=$?
    "$SAMIZDAT" -f $f -t json -o "$out_dir/empty.json" "$out_dir/empty" 2>>"$out_dir/err"
    rc2=$?
    if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ]; then
        fail "pathological empty-document -f $f: exit $rc1/$rc2: $(head -c 200 "$out_dir/err")"
    elif [ "$(cat "$out_dir/empty.native")" != "[]" ] ||
         [ "$(cat "$out_dir/empty.json")" != '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[]}' ]; then
        fail "pathological empty-document -f $f: $(head -c 100 "$out_dir/empty.native") / $(head -c 100 "$out_dir/empty.json")"
    else
        pass "pathological empty-document -f $f"
    fi
done
printf '   \n\n' | "$SAMIZDAT" -t native - > "$out_dir/blank.native" 2>&1
printf '[]\n' > "$out_dir/blank.want"
check_same "pathological blank-document-native" "$out_dir/blank.want" "$out_dir/blank.native"
