#!/bin/sh
# tests/batch/suite.sh — samizdat batch: folders, zip archives (hostile ones
# too), the manifest, resuming after kill -9, timeouts, shards, the corpus.
. "$(dirname "$0")/../lib.sh"
B=$SZ_ROOT/tests/batch
export SOURCE_DATE_EPOCH=1700000000
T=$SZ_TMP

# What works in this build: the essay reader and which writers.
printf 'Probe.\n' > "$T/probe.txt"
READER=0
"$SAMIZDAT" -t native "$T/probe.txt" >/dev/null 2>&1 && READER=1
FMTS=
for f in plain json native; do
    if "$SAMIZDAT" -t $f -o "$T/probe.out" "$T/probe.txt" >/dev/null 2>&1; then
        FMTS=${FMTS:+$FMTS,}$f
    fi
done
works() { "$SAMIZDAT" -t "$1" -o "$T/probe.$1" "$T/probe.txt" >/dev/null 2>&1; }

# manifest_field FILE FIELD VALUE: lines whose FIELD equals VALUE.
mcount() {
    python3 - "$@" <<'PY'
import json, sys
path, field, value = sys.argv[1:4]
n = 0
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    if str(r.get(field)) == value:
        n += 1
print(n)
PY
}
# Does every output in the manifest exist with its recorded size and sha256?
outputs_match() {
    python3 - "$1" <<'PY'
import hashlib, json, os, sys
m = sys.argv[1]; d = os.path.dirname(m); bad = 0
for line in open(m, encoding="utf-8"):
    for o in json.loads(line)["outputs"]:
        p = os.path.join(d, o["path"])
        data = open(p, "rb").read()
        if len(data) != o["size"] or hashlib.sha256(data).hexdigest() != o["sha256"]:
            print("mismatch", p); bad += 1
sys.exit(1 if bad else 0)
PY
}
# The manifest without timings, sorted: what two runs must agree on.
normalize() {
    cat "$@" | python3 -c '
import json, sys
rows = []
for l in sys.stdin:
    r = json.loads(l); r.pop("ms", None); rows.append(json.dumps(r, sort_keys=True))
print("\n".join(sorted(rows)))'
}
no_temps() { [ -z "$(find "$1" -name '*.tmp-*')" ]; }

# ---- usage and exit codes (need nothing else) ----
check_exit "batch: no -o is a usage error" 2 "$SAMIZDAT" batch "$T"
check_exit "batch: unknown format" 22 "$SAMIZDAT" batch -t nosuch "$T/probe.txt" -o "$T/u"
check_exit "batch: missing input is an IO error" 1 "$SAMIZDAT" batch "$T/nope" -o "$T/u"
check_exit "batch: bad --shard" 2 "$SAMIZDAT" batch --shard 5/4 "$T/probe.txt" -o "$T/u"

# ---- hostile archives (the checks come before any conversion) ----
python3 "$B/mkzips.py" "$T" || fail "batch: making zip fixtures"
mkdir -p "$T/evil"
check_exit "batch: evil.zip fails (exit 3)" 3 "$SAMIZDAT" batch -q -t native "$T/evil.zip" \
    -o "$T/evil/out"
M=$T/evil/out/manifest.jsonl
for why in "absolute path" "leaves the archive" "symbolic link" "duplicate member name" \
           "unrepresentable name (control" "unrepresentable name (control character, backslash" \
           "encrypted member" "binary content"; do
    if grep -q "$why" "$M"; then pass "batch: evil.zip: $why reported"; else
        fail "batch: evil.zip: no '$why' in the manifest"; fi
done
[ "$(wc -l < "$M")" -eq 11 ] && pass "batch: evil.zip: one manifest line per member" ||
    fail "batch: evil.zip: $(wc -l < "$M") manifest lines, wanted 11"
bad=$(find "$T" -name 'escape*' -o -name 'abs.*' -o -name 'link.*' -o -name 'dup.*' \
      -o -name 'secret.*' | head -3)
[ -z "$bad" ] && pass "batch: evil.zip: nothing written outside or for refused members" ||
    fail "batch: evil.zip: wrote $bad"
[ "$(find "$T/evil/out" -type f ! -name '.samizdat*' | wc -l)" -le 2 ] && pass "batch: evil.zip: only fine.txt converted" ||
    fail "batch: evil.zip: unexpected files: $(find "$T/evil/out" -type f | tr '\n' ' ')"
check_exit "batch: zip bomb refused" 3 "$SAMIZDAT" batch -q -t native "$T/bomb.zip" -o "$T/bomb"
grep -q 'compression ratio.*zip bomb' "$T/bomb/manifest.jsonl" && pass "batch: zip bomb: clear error" ||
    fail "batch: zip bomb: no ratio error in the manifest"
check_exit "batch: total uncompressed size limit" 3 "$SAMIZDAT" batch -q -t native \
    --max-total-size 100 "$T/good.zip" -o "$T/total"
grep -q 'over the limit of 100 (--max-total-size)' "$T/total/manifest.jsonl" &&
    pass "batch: total size: clear error" || fail "batch: total size: no error in the manifest"

if [ "$READER" = 0 ] || [ -z "$FMTS" ]; then
    skip "batch: conversions: the essay reader or the plain/json/native writers are not available yet"
    exit 0
fi

# ---- a folder of small texts ----
mkdir -p "$T/in/sub/deeper"
i=0
for p in a b c sub/d sub/e sub/deeper/f; do
    i=$((i + 1))
    printf 'Text %s\n\nThe %s paragraph of a small text, number %d.\n\nAnother one.\n' \
        "$p" "$p" "$i" > "$T/in/$p.txt"
done
printf 'title: Sidecar title\n' > "$T/in/sub/d.yaml"
printf '\211PNG\r\n' > "$T/in/picture.png"
check_exit "batch: folder to $FMTS" 0 "$SAMIZDAT" batch -q -t "$FMTS" "$T/in" -o "$T/out"
M=$T/out/manifest.jsonl
[ "$(mcount "$M" status ok)" = 6 ] && pass "batch: folder: 6 documents ok" ||
    fail "batch: folder: $(mcount "$M" status ok) ok of 6"
first=${FMTS%%,*}
ext=$(case $first in plain) echo txt;; *) echo "$first";; esac)
[ -f "$T/out/sub/deeper/f.$ext" ] && pass "batch: folder: outputs mirror the tree" ||
    fail "batch: folder: no sub/deeper/f.$ext"
check "batch: folder: sizes and sha256 in the manifest match the files" outputs_match "$M"
if echo "$FMTS" | grep -q -E 'native|json'; then
    f=$(echo "$FMTS" | tr ',' '\n' | grep -E 'native|json' | head -1)
    grep -q Sidecar "$T/out/sub/d.$f" && pass "batch: folder: NAME.yaml sidecar metadata used" ||
        fail "batch: folder: sidecar title missing from sub/d.$f"
fi
check "batch: folder: no temporary files left" no_temps "$T/out"

# ---- resuming ----
"$SAMIZDAT" batch -t "$FMTS" "$T/in" -o "$T/out" 2>"$T/resume.err"
grep -q '6 up to date' "$T/resume.err" && [ "$(wc -l < "$M")" -eq 6 ] &&
    pass "batch: re-run skips what is up to date" || fail "batch: re-run: $(tail -2 "$T/resume.err")"
printf 'Changed text.\n' > "$T/in/b.txt"
"$SAMIZDAT" batch -t "$FMTS" "$T/in" -o "$T/out" 2>"$T/resume.err"
grep -q '1 converted.*5 up to date' "$T/resume.err" && pass "batch: a changed input is converted again" ||
    fail "batch: changed input: $(tail -2 "$T/resume.err" | head -1)"
"$SAMIZDAT" batch -t "$FMTS" --columns 50 "$T/in" -o "$T/out" 2>"$T/resume.err"
grep -q '6 converted' "$T/resume.err" && pass "batch: changed options convert everything again" ||
    fail "batch: changed options: $(tail -2 "$T/resume.err" | head -1)"

# ---- a zip archive, and paths on standard input ----
check_exit "batch: good.zip" 0 "$SAMIZDAT" batch -q -t "$FMTS" "$T/good.zip" -o "$T/zout"
[ -f "$T/zout/good/sub/three.$ext" ] && [ "$(mcount "$T/zout/manifest.jsonl" status ok)" = 3 ] &&
    pass "batch: zip members below a folder named after the archive" ||
    fail "batch: zip: $(find "$T/zout" -type f | tr '\n' ' ')"
if [ -n "$f" ]; then
    grep -q 'sidecar' "$T/zout/good/sub/three.$f" &&
        pass "batch: zip: sidecar member used" || fail "batch: zip: sidecar member not used"
fi
(cd "$T/in" && find . -name '*.txt' | sort | "$SAMIZDAT" batch -q -t "$FMTS" - -o "$T/lout")
[ "$(mcount "$T/lout/manifest.jsonl" status ok)" = 6 ] && [ -f "$T/lout/sub/deeper/f.$ext" ] &&
    pass "batch: paths on standard input" || fail "batch: stdin list"

# ---- shards through GNU parallel: the union equals one run ----
if command -v parallel >/dev/null 2>&1; then
    "$SAMIZDAT" batch -q -t "$FMTS" "$T/in" "$T/good.zip" -o "$T/whole"
    # All four at once into one OUTDIR, each with its own manifest part.
    parallel --will-cite -j 4 "$SAMIZDAT" batch -q -t "$FMTS" --shard {}/4 "$T/in" "$T/good.zip" \
        -o "$T/shards" ::: 1 2 3 4
    normalize "$T/whole/manifest.jsonl" > "$T/whole.norm"
    normalize "$T"/shards/manifest-?-of-4.jsonl > "$T/shards.norm"
    check_same "batch: 4 shards via parallel into one OUTDIR = one run" "$T/whole.norm" "$T/shards.norm"
    n1=$(wc -l < "$T/shards/manifest-1-of-4.jsonl")
    [ "$n1" -lt "$(wc -l < "$T/whole/manifest.jsonl")" ] && pass "batch: a shard is a part" ||
        fail "batch: shard 1 has everything"
    if diff -r -x 'manifest*' -x '.samizdat*' "$T/whole" "$T/shards" >/dev/null; then
        pass "batch: shards' outputs = one run's, byte for byte"
    else
        fail "batch: shards' outputs differ: $(diff -rq -x 'manifest*' -x '.samizdat*' "$T/whole" "$T/shards" | head -3)"
    fi
    # A run over the whole finds the shards' work done.
    "$SAMIZDAT" batch -t "$FMTS" "$T/in" "$T/good.zip" -o "$T/shards" 2>"$T/shards.err"
    grep -q ' 0 converted.* up to date' "$T/shards.err" &&
        pass "batch: an unsharded run resumes from the shards' manifests" ||
        fail "batch: after shards: $(tail -2 "$T/shards.err" | head -1)"
else
    skip "batch: shards: GNU parallel not installed"
fi

# ---- tarballs and 7z (libarchive, as a stream) ----
python3 "$B/mktars.py" "$T" || fail "batch: making tarball fixtures"
tx=json
for a in good.tar good.tar.gz good.tgz good.tar.bz2 good.tar.xz good.tar.zst good.7z; do
    [ -f "$T/$a" ] || { skip "batch: $a: no tool to make it"; continue; }
    rm -rf "$T/tout"
    "$SAMIZDAT" batch -q -t "$FMTS" "$T/$a" -o "$T/tout"
    rc=$?
    if [ $rc -eq 0 ] && [ -f "$T/tout/good/one.$tx" ] && [ -f "$T/tout/good/two.$tx" ] &&
        [ -f "$T/tout/good/sub/three.$tx" ] && [ "$(mcount "$T/tout/manifest.jsonl" status ok)" = 3 ] &&
        [ "$(find "$T/tout" -type f ! -name '.samizdat*' | wc -l)" = $((1 + 3 * $(echo "$FMTS" | tr ',' '\n' | wc -l))) ]; then
        pass "batch: $a: every text converted, the tree mirrored"
    else
        fail "batch: $a: exit $rc: $(find "$T/tout" -type f | tr '\n' ' ')"
    fi
done
if [ -n "$FMTS" ] && echo "$FMTS" | grep -q json; then
    grep -q '"sidecar"' "$T/tout/good/sub/three.json" 2>/dev/null &&
        pass "batch: tarball: NAME.yaml beside NAME.txt is its metadata" ||
        fail "batch: tarball: sidecar not used"
fi
# The tarball converts to what the same tree as a folder gives.
mkdir -p "$T/tree" && (cd "$T/tree" && tar -xf "$T/good.tar")
"$SAMIZDAT" batch -q -t "$FMTS" "$T/tree" -o "$T/treeout"
"$SAMIZDAT" batch -q -t "$FMTS" "$T/good.tar.xz" -o "$T/xzout"
(cd "$T/treeout" && find . -type f ! -name 'manifest*' ! -name '.samizdat*' -exec sha256sum {} + | sort) > "$T/tree.sum"
(cd "$T/xzout/good" && find . -type f -exec sha256sum {} + | sort) > "$T/xz.sum"
check_same "batch: tar.xz = the same folder, byte for byte" "$T/tree.sum" "$T/xz.sum"
"$SAMIZDAT" batch -t "$FMTS" "$T/good.tar.xz" -o "$T/xzout" 2>"$T/xz.err"
grep -q ' 0 converted.* 3 up to date' "$T/xz.err" && pass "batch: tarball: a second run finds it up to date" ||
    fail "batch: tarball resume: $(tail -2 "$T/xz.err" | head -1)"

# Nested: per-book zips and a tarball inside a tarball; one too deep.
"$SAMIZDAT" batch -q -t "$FMTS" "$T/nested.tar.gz" -o "$T/nout"
N=$T/nout/manifest.jsonl
if [ -f "$T/nout/nested/pg/1234-0/1234-0.$tx" ] && [ -f "$T/nout/nested/pg/5678-0/5678/5678-0.$tx" ] &&
    [ -f "$T/nout/nested/more/inner/a.$tx" ] && [ -f "$T/nout/nested/top.$tx" ] &&
    grep -q '"member":"pg/1234-0.zip!/1234-0.txt"' "$N" &&
    grep -q 'l3.zip".*nested more than 3 deep' "$N" && grep -q 'broken.zip".*damaged archive' "$N" &&
    [ ! -e "$T/nout/nested/deep/l2/l3" ]; then
    pass "batch: nested zips and tarballs opened to 3 levels, the tree mirrored"
else
    fail "batch: nested: $(find "$T/nout" -type f | tr '\n' ' ') $(grep -o '"error":"[^"]*"' "$N" | tr '\n' ' ')"
fi

# A zip of per-book zips (Project Gutenberg's layout) and of a tarball.
python3 - "$T" <<'PY'
import io, sys, tarfile, zipfile
d = sys.argv[1]
def zb(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files:
            z.writestr(n, data)
    return b.getvalue()
tb = io.BytesIO()
with tarfile.open(fileobj=tb, mode="w:gz") as t:
    data = b"In a tarball in a zip.\n"
    ti = tarfile.TarInfo("t/in-tar.txt"); ti.size = len(data); t.addfile(ti, io.BytesIO(data))
with zipfile.ZipFile(d + "/pg.zip", "w") as z:
    z.writestr("1/1234-0.zip", zb([("1234-0.txt", "Book 1234.\n\nText.\n"),
                                  ("1234-0.yaml", "title: Book 1234 from its sidecar\n")]))
    z.writestr("top.txt", "Top.\n")
    z.writestr("bundle.tar.gz", tb.getvalue())
PY
"$SAMIZDAT" batch -q -t "$FMTS" "$T/pg.zip" -o "$T/pgout"
if [ -f "$T/pgout/pg/1/1234-0/1234-0.$tx" ] && [ -f "$T/pgout/pg/bundle/t/in-tar.$tx" ] &&
    [ -f "$T/pgout/pg/top.$tx" ] && grep -q '"c":"sidecar"' "$T/pgout/pg/1/1234-0/1234-0.json" &&
    [ "$(mcount "$T/pgout/manifest.jsonl" status ok)" = 3 ]; then
    pass "batch: a zip of per-book zips and a tarball: every book converted, with its sidecar"
else
    fail "batch: zip of zips: $(find "$T/pgout" -type f | tr '\n' ' ')"
fi

# Hostile tarballs: every refusal a manifest line, the rest converted.
check_exit "batch: evil.tar: exit 3" 3 "$SAMIZDAT" batch -q -t "$FMTS" "$T/evil.tar" "$T/latin.tar" -o "$T/etar"
M=$T/etar/manifest.jsonl
for why in "leaves the archive" "absolute path" "symbolic link in the archive" "hard link in the archive" \
           "device file in the archive" "FIFO in the archive" "unrepresentable name (control" \
           "unrepresentable name (not UTF-8)" "binary content"; do
    if grep -q "$why" "$M"; then pass "batch: evil.tar: $why refused"; else
        fail "batch: evil.tar: no '$why' in the manifest"; fi
done
[ "$(mcount "$M" status ok)" = 2 ] && [ -z "$(find "$T" -name 'escape*' -o -name 'abs.*')" ] &&
    pass "batch: evil.tar: only fine.txt and ok.txt converted, nothing outside" ||
    fail "batch: evil.tar: $(find "$T/etar" -type f | tr '\n' ' ')"
check_exit "batch: tarball bomb: exit 3" 3 "$SAMIZDAT" batch -q -t "$FMTS" "$T/bomb.tar.gz" -o "$T/btar"
grep -q 'bomb.txt".*compression ratio [0-9]*:1 exceeds the limit of 100:1' "$T/btar/manifest.jsonl" &&
    [ -f "$T/btar/bomb/small.$tx" ] && pass "batch: tarball bomb refused by ratio, the rest converted" ||
    fail "batch: tarball bomb: $(cut -c1-300 "$T/btar/manifest.jsonl" | tr '\n' ' ')"
"$SAMIZDAT" batch -q -t "$FMTS" --max-total-size 1M "$T/bomb.tar.gz" -o "$T/btot"
grep -q 'over the limit (--max-total-size).*rest of it is not read' "$T/btot/manifest.jsonl" &&
    pass "batch: tarball over --max-total-size stops there" ||
    fail "batch: --max-total-size on a tarball: $(cut -c1-300 "$T/btot/manifest.jsonl")"
"$SAMIZDAT" batch -q -t "$FMTS" --max-members 3 "$T/evil.tar" -o "$T/bmem"
grep -q 'more than 3 members (--max-members)' "$T/bmem/manifest.jsonl" &&
    pass "batch: --max-members stops an archive of too many members" ||
    fail "batch: --max-members: $(cut -c1-300 "$T/bmem/manifest.jsonl")"
# shards of a tarball into one OUTDIR = one run
rm -rf "$T/tsh"
for k in 1 2 3; do "$SAMIZDAT" batch -q -t "$FMTS" --shard $k/3 "$T/nested.tar.gz" "$T/good.tgz" -o "$T/tsh"; done
"$SAMIZDAT" batch -q -t "$FMTS" "$T/nested.tar.gz" "$T/good.tgz" -o "$T/tone"
normalize "$T"/tsh/manifest-?-of-3.jsonl > "$T/tsh.norm"
normalize "$T/tone/manifest.jsonl" > "$T/tone.norm"
check_same "batch: tarball shards = one run" "$T/tone.norm" "$T/tsh.norm"

# --status sums up the shards' manifests, and counts what is pending.
rm -rf "$T/stat"
"$SAMIZDAT" batch -q -t "$FMTS" --shard 1/2 "$T/evil.tar" "$T/nested.tar.gz" -o "$T/stat"
"$SAMIZDAT" batch --status "$T/evil.tar" "$T/nested.tar.gz" -o "$T/stat" > "$T/stat.out"
rc=$?
n1=$(wc -l < "$T/stat/manifest-1-of-2.jsonl")
"$SAMIZDAT" batch -q -t "$FMTS" --shard 2/2 "$T/evil.tar" "$T/nested.tar.gz" -o "$T/stat"
"$SAMIZDAT" batch --status "$T/evil.tar" "$T/nested.tar.gz" -o "$T/stat" > "$T/stat2.out"
total=$(($(wc -l < "$T/stat/manifest-1-of-2.jsonl") + $(wc -l < "$T/stat/manifest-2-of-2.jsonl")))
if [ $rc -eq 3 ] && grep -q "^$n1 documents: " "$T/stat.out" && grep -q ' [1-9][0-9]* pending$' "$T/stat.out" &&
    grep -q "^$total documents: " "$T/stat2.out" && grep -q "^$total documents in the inputs: 0 pending" "$T/stat2.out" &&
    grep -q '^ *1  symbolic link in the archive' "$T/stat2.out"; then
    pass "batch --status: shards summed up, failures by reason, pending counted"
else
    fail "batch --status: exit $rc: $(tr '\n' ' ' < "$T/stat2.out")"
fi

# The fuzzing corpus and findings of the archive harness, through batch.
fz=0 bad=""
for f in "$SZ_ROOT"/tests/fuzz/corpus/archive/* "$SZ_ROOT"/tests/fuzz/regress/archive/*; do
    [ -f "$f" ] || continue
    cp "$f" "$T/fz.tar"
    rm -rf "$T/fzout"
    timeout 60 "$SAMIZDAT" batch -q -j 1 -t "$FMTS" "$T/fz.tar" -o "$T/fzout" 2>"$T/fz.err"
    rc=$?
    if grep -q 'Sanitizer\|runtime error' "$T/fz.err" || { [ $rc -ne 0 ] && [ $rc -ne 3 ]; } ||
        [ ! -s "$T/fzout/manifest.jsonl" ]; then
        bad="$bad ${f##*/}:$rc"
    fi
    fz=$((fz + 1))
done
[ -z "$bad" ] && pass "batch: $fz archive fuzzing inputs replayed" || fail "batch: archive fuzz replay:$bad"

# ---- kill -9 in the middle, then resume ----
mkdir -p "$T/big"
paras=2500
[ "${SZ_ASAN:-0}" = 1 ] && paras=1000
python3 - "$T/big" "$paras" <<'PY'
import sys
for i in range(30):
    with open("%s/book%02d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Book %d\n\n" % i)
        for p in range(int(sys.argv[2])):
            f.write("Paragraph %d of book %d, with some words to wrap and to count.\n\n" % (p, i))
PY
"$SAMIZDAT" batch -q -j 2 -t "$FMTS" "$T/big" -o "$T/ref"
setsid "$SAMIZDAT" batch -q -j 2 -t "$FMTS" "$T/big" -o "$T/kill" &
pid=$!
n=0
while [ $n -lt 300 ]; do
    [ -f "$T/kill/manifest.jsonl" ] && [ "$(wc -l < "$T/kill/manifest.jsonl")" -ge 2 ] && break
    sleep 0.01; n=$((n + 1))
done
/bin/kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid"
wait "$pid" 2>/dev/null
# The workers die with the group, but on a busy machine one may still be
# exiting (not yet a zombie) when the next run looks at its temporary file:
# a user re-running a killed batch does so seconds later, so wait for that.
n=0
while [ $n -lt 500 ] && cat /proc/[0-9]*/stat 2>/dev/null |
        awk -v g="$pid" '$5 == g && $3 != "Z" { found = 1 } END { exit !found }'; do
    sleep 0.01; n=$((n + 1))
done
printf '{"input":"torn' >> "$T/kill/manifest.jsonl"
killed=$(wc -l < "$T/kill/manifest.jsonl")
check_exit "batch: resume after kill -9" 0 "$SAMIZDAT" batch -q -j 2 -t "$FMTS" "$T/big" -o "$T/kill"
check "batch: resume: no temporary files left" no_temps "$T/kill"
check "batch: resume: manifest outputs intact" outputs_match "$T/kill/manifest.jsonl"
(cd "$T/ref" && find . -type f ! -name manifest.jsonl -exec sha256sum {} + | sort) > "$T/ref.sum"
(cd "$T/kill" && find . -type f ! -name manifest.jsonl -exec sha256sum {} + | sort) > "$T/kill.sum"
check_same "batch: resume: outputs equal an uninterrupted run (killed after $killed)" \
    "$T/ref.sum" "$T/kill.sum"

# ---- a runaway Lua filter times out alone ----
cat > "$T/loop.lua" <<'LUA'
function Str(s)
  if s.text == "LOOPME" then while true do end end
end
LUA
printf 'LOOPME\n' > "$T/probe.loop.txt"
if "$SAMIZDAT" -L "$T/probe.lua" -t native "$T/probe.txt" >/dev/null 2>&1 ||
   { printf 'return {}\n' > "$T/probe.lua" &&
     "$SAMIZDAT" -L "$T/probe.lua" -t native "$T/probe.txt" >/dev/null 2>&1; }; then
    mkdir -p "$T/lin"
    cp "$T/in/a.txt" "$T/in/c.txt" "$T/lin/"
    printf 'Stuck here: LOOPME\n' > "$T/lin/loop.txt"
    check_exit "batch: looping filter: exit 3" 3 "$SAMIZDAT" batch -q -t "$FMTS" -L "$T/loop.lua" \
        --timeout 2 "$T/lin" -o "$T/lout2"
    [ "$(mcount "$T/lout2/manifest.jsonl" status ok)" = 2 ] &&
        grep -q 'timed out' "$T/lout2/manifest.jsonl" &&
        pass "batch: looping filter times out alone, the others succeed" ||
        fail "batch: looping filter: $(cut -c1-200 "$T/lout2/manifest.jsonl" | tr '\n' ' ')"
    printf 'function Writer(doc, opts)\n  error("boom")\nend\n' > "$T/boom.lua"
    check_exit "batch: failing custom writer: exit 3" 3 "$SAMIZDAT" batch -q -t "$FMTS,$T/boom.lua" \
        "$T/in/a.txt" -o "$T/boom"
    [ "$(find "$T/boom" -type f ! -name '.samizdat*' | wc -l)" = 1 ] && grep -q boom "$T/boom/manifest.jsonl" &&
        pass "batch: a failing writer leaves no outputs of its document" ||
        fail "batch: failing writer: $(find "$T/boom" -type f | tr '\n' ' ')"
else
    skip "batch: looping filter: Lua filters not available yet"
fi

# ---- a document that needs too much memory fails alone ----
if [ "${SZ_ASAN:-0}" = 1 ]; then
    skip "batch: --max-memory: address-space limits and ASan do not mix"
else
    mkdir -p "$T/min"
    cp "$T/in/a.txt" "$T/min/"
    python3 -c 'import sys
sys.stdout.write("Huge\n\n" + "word " * 2000000 + "\n")' > "$T/min/huge.txt"
    check_exit "batch: --max-memory: exit 3" 3 "$SAMIZDAT" batch -q -t "$FMTS" --max-memory 64M \
        "$T/min" -o "$T/mout"
    [ "$(mcount "$T/mout/manifest.jsonl" status ok)" = 1 ] &&
        grep -q 'out of memory' "$T/mout/manifest.jsonl" &&
        pass "batch: --max-memory: the huge document fails alone" ||
        fail "batch: --max-memory: $(cut -c1-200 "$T/mout/manifest.jsonl" | tr '\n' ' ')"
fi

# ---- the Gutenberg corpus, as a folder and zipped ----
if ! have_shared; then
    skip "batch: corpus: ../shared/corpus/gutenberg not present"
    exit 0
fi
if ! works epub || ! works tei || ! works plain; then
    skip "batch: corpus: the EPUB, TEI or plain writer is not available yet"
    exit 0
fi
G=$SZ_SHARED/corpus/gutenberg
mkdir -p "$T/gut"
if [ "${SZ_FULL:-0}" = 1 ]; then
    cp "$G"/*.txt "$T/gut/"
else
    # ten books across the range of sizes
    ls -S "$G"/*.txt | awk -v n="$(ls "$G"/*.txt | wc -l)" 'NR % int(n / 10) == 1' | head -10 |
        while read -r f; do cp "$f" "$T/gut/"; done
fi
nb=$(ls "$T/gut" | wc -l)
(cd "$T/gut" && zip -q ../gut.zip ./*)
check_exit "batch: corpus: $nb books to epub,tei,plain (folder)" 0 \
    "$SAMIZDAT" batch -q -t epub,tei,plain "$T/gut" -o "$T/gout"
check_exit "batch: corpus: $nb books to epub,tei,plain (zip)" 0 \
    "$SAMIZDAT" batch -q -t epub,tei,plain "$T/gut.zip" -o "$T/gzout"
[ "$(find "$T/gzout/gut" -name '*.epub' | wc -l)" = "$nb" ] &&
    pass "batch: corpus: every zipped book has its EPUB" || fail "batch: corpus: zip EPUBs missing"
# EPUB and TEI name their source, which differs; the plain text must not.
(cd "$T/gout" && find . -name '*.txt' -exec sha256sum {} + | sort) > "$T/g1.sum"
(cd "$T/gzout/gut" && find . -name '*.txt' -exec sha256sum {} + | sort) > "$T/g2.sum"
check_same "batch: corpus: folder and zip give the same plain text" "$T/g1.sum" "$T/g2.sum"
if [ "${SZ_ASAN:-0}" = 1 ]; then
    skip "batch: corpus: validators run in the release pass only"
    exit 0
fi
S=$SZ_SHARED/schemas/tei
[ -f "$S/tei_all.rng" ] || S=$SZ_ROOT/tests/schemas
if java -jar /usr/share/java/jing.jar "$S/tei_all.rng" $(find "$T/gout" -name '*.xml') \
        >"$T/jing.out" 2>&1; then
    pass "batch: corpus: all $nb TEI valid (jing, tei_all)"
else
    fail "batch: corpus: jing: $(head -3 "$T/jing.out" | tr '\n' ' ')"
fi
# tests/epub's one-JVM epubcheck wrapper (warnings count as failures too),
# compiled once into build/epubcheck, as tests/epub/suite.sh does.
J=$SZ_ROOT/tests/epub/EpubCheckBatch.java
C=$SZ_ROOT/build/epubcheck
if [ ! -f "$J" ] || ! command -v javac >/dev/null; then
    skip "batch: corpus: epubcheck: tests/epub/EpubCheckBatch.java or javac missing"
    exit 0
fi
if [ ! -f "$C/EpubCheckBatch.class" ] || [ "$J" -nt "$C/EpubCheckBatch.class" ]; then
    mkdir -p "$C" && javac -d "$C" -cp /usr/share/java/epubcheck.jar "$J" >"$T/javac.out" 2>&1
fi
if java -XX:TieredStopAtLevel=1 -cp "/usr/share/java/epubcheck.jar:$C" EpubCheckBatch \
        $(find "$T/gout" -name '*.epub') >"$T/epubcheck.out" 2>&1; then
    pass "batch: corpus: all $nb EPUBs pass epubcheck"
else
    fail "batch: corpus: epubcheck: $(grep -E '^(FAIL|ERROR|WARN)' "$T/epubcheck.out" | head -3 | tr '\n' ' ')"
fi
