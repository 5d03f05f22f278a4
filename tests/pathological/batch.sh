# tests/pathological/batch.sh — sourced by suite.sh: hostile collections and
# outputs (symbolic links out of the input, names no manifest line could
# hold, lying zip headers, negative limits, -o onto the conversion's own
# files, a full disk, temporary files of a killed run).
P=$SZ_TMP/pb
mkdir -p "$P"

# A symbolic link to a host file is not followed, and -v says so.
mkdir -p "$P/links/in"
echo 'Inside the tree.' > "$P/links/in/real.txt"
ln -s /etc/passwd "$P/links/in/a.txt"
ln -s ../real.txt "$P/links/in/b.txt" 2>/dev/null
mkdir -p "$P/links/outside" && echo 'Host text.' > "$P/links/outside/host.txt"
ln -s ../outside "$P/links/in/d"
"$SAMIZDAT" batch -v -t plain "$P/links/in" -o "$P/links/out" 2>"$P/links/err"
if [ -f "$P/links/out/real.txt" ] && [ ! -e "$P/links/out/a.txt" ] &&
    [ ! -e "$P/links/out/d" ] &&
    grep -q 'a.txt: symbolic link to a file outside .*not followed' "$P/links/err" &&
    grep -q 'in/d: symbolic link to a folder, not followed' "$P/links/err"; then
    pass "pathological batch: symbolic link out of the input not followed"
else
    fail "pathological batch: symlink: $(ls "$P/links/out" | tr '\n' ' ') $(head -c 200 "$P/links/err")"
fi

# Names with a newline, a tab, a % and non-UTF-8 bytes: recorded so that the
# next run finds them up to date.
python3 - "$P/names/in" <<'PY'
import os, sys
d = os.fsencode(sys.argv[1])
os.makedirs(os.path.join(d, b"d\xff\nir"), exist_ok=True)
for n in [b"a\nb.txt", b"tab\there.txt", b"lat\xe9.txt", b"pct%41.txt", b"d\xff\nir/x.txt"]:
    open(os.path.join(d, n), "wb").write(b"Some text.\n")
PY
"$SAMIZDAT" batch -q -t plain "$P/names/in" -o "$P/names/out"
"$SAMIZDAT" batch -t plain "$P/names/in" -o "$P/names/out" 2>"$P/names/err"
if grep -q '5 documents: 0 converted.*5 up to date' "$P/names/err" &&
    python3 - "$P/names/out/manifest.jsonl" <<'PY'
import json, sys
names = set()
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    names.add(bytes.fromhex(r["input_bytes"]) if "input_bytes" in r else r["input"].encode())
want = {b"a\nb.txt", b"tab\there.txt", b"lat\xe9.txt", b"pct%41.txt", b"d\xff\nir/x.txt"}
sys.exit(0 if {n.rsplit(b"/in/", 1)[1] for n in names} == want else 1)
PY
then
    pass "pathological batch: odd names recorded faithfully, up to date on the next run"
else
    fail "pathological batch: odd names: $(tail -2 "$P/names/err" | head -1)"
fi

# Zip members: a name that is not UTF-8 is refused; a header that lies
# about the size stops at the declared size.
python3 - "$P" <<'PY'
import sys, zipfile, zlib
d = sys.argv[1]
with zipfile.ZipFile(d + "/names.zip", "w") as z:
    z.writestr("ok.txt", "Fine.\n")
    z.writestr("cafQ.txt", "Latin.\n")
# zipfile would store a non-ASCII name as flagged UTF-8: patch in a CP437
# byte (0x82, e-acute) without the flag, as old DOS tools wrote names.
b = open(d + "/names.zip", "rb").read().replace(b"cafQ.txt", b"caf\x82.txt")
open(d + "/names.zip", "wb").write(b)
body = b"Liar.\n" * 20000
with zipfile.ZipFile(d + "/liar.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("liar.txt", body)
    z.writestr("fine.txt", "Fine.\n")
b = bytearray(open(d + "/liar.zip", "rb").read())
# the uncompressed size, in the local header (offset 22) and the central one (24)
real = len(body).to_bytes(4, "little")
small = (100).to_bytes(4, "little")
i = b.find(b"PK\x03\x04"); b[i + 22:i + 26] = small
i = b.find(b"PK\x01\x02"); b[i + 24:i + 28] = small
open(d + "/liar.zip", "wb").write(bytes(b))
PY
"$SAMIZDAT" batch -q -t plain "$P/names.zip" -o "$P/zout" 2>/dev/null
if grep -q '"status":"ok".*ok.txt\|ok.txt.*"status":"ok"' "$P/zout/manifest.jsonl" &&
    grep -q 'not UTF-8' "$P/zout/manifest.jsonl" && [ "$(find "$P/zout" -name 'caf*' | wc -l)" = 0 ]; then
    pass "pathological batch: a zip name that is not UTF-8 is refused"
else
    fail "pathological batch: non-UTF-8 zip name: $(cut -c1-300 "$P/zout/manifest.jsonl" | tr '\n' ' ')"
fi
"$SAMIZDAT" batch -q -t plain "$P/liar.zip" -o "$P/lout" 2>/dev/null
if grep -q 'liar.txt.*declares\|declares.*liar.txt\|liar.txt.*damaged\|damaged.*liar.txt' \
        "$P/lout/manifest.jsonl" && [ -f "$P/lout/liar/fine.txt" ] && [ ! -e "$P/lout/liar/liar.txt" ]; then
    pass "pathological batch: a member whose header lies about its size is stopped"
else
    fail "pathological batch: lying header: $(cut -c1-300 "$P/lout/manifest.jsonl" | tr '\n' ' ')"
fi

# Negative limits would wrap to 2^64-1 and switch the guards off.
echo 'Text.' > "$P/t.txt"
for o in --max-ratio --max-size --max-total-size --max-memory; do
    check_exit "pathological batch: $o -1 refused" 2 "$SAMIZDAT" batch $o -1 "$P/t.txt" -o "$P/neg"
done

# -o onto a file the conversion reads is refused; onto a symbolic link it
# writes through the link; an existing file keeps its mode.
echo 'title: Kept' > "$P/meta.yaml"
echo 'return {}' > "$P/f.lua"
check_exit "pathological -o onto the metadata file refused" 1 "$SAMIZDAT" "$P/t.txt" \
    --metadata-file "$P/meta.yaml" -t plain -o "$P/meta.yaml"
grep -q 'title: Kept' "$P/meta.yaml" && pass "pathological -o: metadata file intact" ||
    fail "pathological -o: metadata file overwritten"
check_exit "pathological -o onto a filter refused" 1 "$SAMIZDAT" "$P/t.txt" -L "$P/f.lua" \
    -t plain -o "$P/f.lua"
echo old > "$P/target.txt"
chmod 640 "$P/target.txt"
ln -s target.txt "$P/link.txt"
"$SAMIZDAT" "$P/t.txt" -t plain -o "$P/link.txt"
if [ -L "$P/link.txt" ] && grep -q Text "$P/target.txt" &&
    [ "$(stat -c %a "$P/target.txt")" = 640 ]; then
    pass "pathological -o onto a symbolic link writes through it, the mode kept"
else
    fail "pathological -o symlink: $(ls -l "$P/link.txt" "$P/target.txt" | tr '\n' ' ')"
fi

# Temporary files of a killed run (a process that is gone) are cleaned at
# the next run of the same output; a live process's are left alone.
touch "$P/clean.txt.tmp-999999999-abcdef" "$P/clean.txt.tmp-1-abcdef" "$P/other.txt.tmp-999999999-abcdef"
"$SAMIZDAT" "$P/t.txt" -t plain -o "$P/clean.txt"
if [ ! -e "$P/clean.txt.tmp-999999999-abcdef" ] && [ -e "$P/clean.txt.tmp-1-abcdef" ] &&
    [ -e "$P/other.txt.tmp-999999999-abcdef" ]; then
    pass "pathological -o: stale temporary files of the same output removed"
else
    fail "pathological -o: stale temporaries: $(ls "$P" | grep tmp- | tr '\n' ' ')"
fi

# A full disk: every writer exits 1 naming the file and the system's reason.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
    unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh "$P" 2>/dev/null; then
    python3 -c "
import random
random.seed(1)
print('\n\n'.join(' '.join('word%d' % random.randint(0, 99999) for _ in range(100)) for _ in range(300)))" > "$P/big.txt"
    mkdir -p "$P/full"
    for w in epub plain html tei json; do
        unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && "$2" -q "$3" -t "$4" -o "$1/out.$4"; echo "rc=$?"; ls "$1"' \
            sh "$P/full" "$SAMIZDAT" "$P/big.txt" $w > "$P/full.out" 2>"$P/full.err"
        if grep -q '^rc=1$' "$P/full.out" && ! grep -q 'tmp-' "$P/full.out" &&
            grep -q "^$P/full/out.$w: error: cannot write: No space left on device" "$P/full.err"; then
            pass "pathological disk full: $w: exit 1, file and reason named"
        else
            fail "pathological disk full: $w: $(tr '\n' ' ' < "$P/full.out") $(head -c 200 "$P/full.err")"
        fi
    done
else
    skip "pathological disk full: cannot mount a small tmpfs here (needs root and unshare)"
fi
"$SAMIZDAT" -q "$P/t.txt" -t json > /dev/full 2>"$P/devfull.err"
rc=$?
[ $rc -eq 1 ] && grep -q 'standard output: error: cannot write: No space left on device' "$P/devfull.err" &&
    pass "pathological disk full: standard output" ||
    fail "pathological disk full: /dev/full: exit $rc: $(head -c 200 "$P/devfull.err")"

# Two batches into one OUTDIR at once: the second is refused.
mkdir -p "$P/lock"
python3 -c "
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + '/.samizdat.lock', os.O_CREAT | os.O_RDWR)
fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(5)" "$P/lock" > "$P/lock.ready" &
lockpid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q locked "$P/lock.ready" 2>/dev/null && break; sleep 0.2; done
check_exit "pathological batch: a second run into a busy OUTDIR refused" 1 \
    "$SAMIZDAT" batch -t plain "$P/t.txt" -o "$P/lock"
grep -q 'in use by another batch' "$SZ_TMP/exit.err" && pass "pathological batch: the lock is named" ||
    fail "pathological batch: lock message: $(head -c 200 "$SZ_TMP/exit.err")"
kill $lockpid 2>/dev/null
wait $lockpid 2>/dev/null

# A document's images and metadata cover come from its own folder or
# archive (and --resource-path), never from elsewhere on the host.
mkdir -p "$P/res/in/sub" "$P/res/extra"
python3 "$SZ_ROOT/tests/epub/mkpng.py" "$P/res/in/sub/ok.png"
cp "$P/res/in/sub/ok.png" "$P/res/host.png"
cp "$P/res/in/sub/ok.png" "$P/res/extra/r.png"
printf '# T\n\n![ok](ok.png) ![abs](%s) ![up](../../host.png) ![r](r.png)\n' "$P/res/host.png" \
    > "$P/res/in/sub/doc.md"
printf 'cover-image: %s\n' "$P/res/host.png" > "$P/res/in/sub/doc.yaml"
media() { unzip -l "$1" 2>/dev/null | grep -c 'EPUB/media/img'; }
if "$SAMIZDAT" -q "$P/t.txt" -o "$P/probe.epub" 2>/dev/null; then
    "$SAMIZDAT" "$P/res/in/sub/doc.md" -o "$P/res/single.epub" 2>"$P/res/single.err"
    if [ "$(media "$P/res/single.epub")" = 1 ] &&
        [ "$(grep -c 'is outside the document' "$P/res/single.err")" = 2 ]; then
        pass "pathological resources: a single document reads only its own folder"
    else
        fail "pathological resources: single: $(media "$P/res/single.epub") images: $(grep image "$P/res/single.err" | head -c 300)"
    fi
    "$SAMIZDAT" "$P/res/in/sub/doc.md" --resource-path "$P/res/extra" -o "$P/res/rp.epub" 2>/dev/null
    [ "$(media "$P/res/rp.epub")" = 2 ] && pass "pathological resources: --resource-path is read" ||
        fail "pathological resources: --resource-path: $(media "$P/res/rp.epub") images"
    "$SAMIZDAT" batch -q "$P/res/in" -o "$P/res/out"
    if [ "$(media "$P/res/out/sub/doc.epub")" = 1 ] &&
        ! unzip -l "$P/res/out/sub/doc.epub" | grep -q 'media/cover.png' &&
        grep -q "cover image.*is outside the document" "$P/res/out/manifest.jsonl"; then
        pass "pathological resources: batch over a folder packs no host file"
    else
        fail "pathological resources: batch folder: $(unzip -l "$P/res/out/sub/doc.epub" | grep media | tr '\n' ' ')"
    fi
    python3 - "$P/res" <<'PY'
import sys, zipfile
d = sys.argv[1]
png = open(d + "/host.png", "rb").read()
with zipfile.ZipFile(d + "/a.zip", "w") as z:
    z.writestr("book/doc.md", "# T\n\n![in](img/ok.png) ![up](../top.png) ![esc](../../top.png) "
               "![abs](%s/host.png)\n" % d)
    z.writestr("book/img/ok.png", png)
    z.writestr("top.png", png)
    z.writestr("book/doc.yaml", "cover-image: %s/host.png\n" % d)
PY
    "$SAMIZDAT" batch -q "$P/res/a.zip" -o "$P/res/zout"
    if [ "$(media "$P/res/zout/a/book/doc.epub")" = 2 ] &&
        ! unzip -l "$P/res/zout/a/book/doc.epub" | grep -q 'media/cover.png' &&
        [ "$(grep -o 'is outside the document' "$P/res/zout/manifest.jsonl" | wc -l)" = 3 ]; then
        pass "pathological resources: a zip's document reads images from the zip only"
    else
        fail "pathological resources: zip: $(unzip -l "$P/res/zout/a/book/doc.epub" | grep media | tr '\n' ' ')"
    fi
else
    skip "pathological resources: no EPUB writer"
fi

# An output that would land on a file the user gave (an input, a metadata
# file, by any spelling or through a link) inside OUTDIR: refused before
# anything is converted, exit 2, the file left as it was.
mkdir -p "$P/guard/sub"
printf 'Hi there.\n' > "$P/guard/sub/x.md"
printf '{"title":"M"}\n' > "$P/guard/x.json"
ln -s x.json "$P/guard/link.json"
cp "$P/guard/x.json" "$P/guard/x.json.orig"
g_ok=1
for meta in "$P/guard/x.json" "$P/guard/../guard/link.json"; do
    "$SAMIZDAT" batch -q "$P/guard/sub" -o "$P/guard" -t json,html --metadata-file "$meta" \
        2>"$P/guard/err"
    rc=$?
    if [ $rc -ne 2 ] || ! grep -q "would overwrite the metadata file" "$P/guard/err" ||
       ! cmp -s "$P/guard/x.json" "$P/guard/x.json.orig" || [ -e "$P/guard/x.html" ]; then
        fail "pathological batch-output-over-metadata ($meta): exit $rc: $(head -c 200 "$P/guard/err")"
        g_ok=0
    fi
done
[ $g_ok = 1 ] && pass "pathological batch-output-over-metadata"
printf '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[]}\n' > "$P/guard/sub/y.json"
printf '{"pandoc-api-version":[1,23,1],"meta":{},"blocks":[{"t":"Para","c":[]}]}\n' > "$P/guard/y.json"
cp "$P/guard/y.json" "$P/guard/y.json.orig"
"$SAMIZDAT" batch -q "$P/guard/sub" "$P/guard/y.json" -o "$P/guard" -t json 2>"$P/guard/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "would overwrite the input" "$P/guard/err" &&
   cmp -s "$P/guard/y.json" "$P/guard/y.json.orig"; then
    pass "pathological batch-output-over-input"
else
    fail "pathological batch-output-over-input: exit $rc: $(head -c 200 "$P/guard/err")"
fi
