#!/bin/sh
# tests/bench/scale.sh — samizdat batch at scale: N documents (default
# 10000) cut from the Gutenberg corpus (a book's chapters, else runs of 30
# paragraphs), as a folder, a zip and a tar.gz; documents/s at -j1 and -j2,
# peak memory of the parent (VmHWM, sampled) and of a worker, manifest size;
# the parent's memory again at N/10 documents (flat in N?); then kill -9 at
# 10 random moments of a run over the tar.gz, each followed by a resume,
# checking that every document is in the manifest exactly once with its
# outputs intact and equal to an uninterrupted run's.
# SZ_SCALE_DOCS=N, SZ_SCALE_FMT=plain (the format written).
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=$(pwd)/${SAMIZDAT:-build/samizdat}
[ -x "$SAMIZDAT" ] || SAMIZDAT=${SAMIZDAT#$(pwd)/}
G=${SZ_SHARED:-../shared}/corpus/gutenberg
N=${SZ_SCALE_DOCS:-10000}
FMT=${SZ_SCALE_FMT:-plain}
[ -d "$G" ] || { echo "scale: SKIP: $G not present"; exit 0; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-scale.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000

python3 - "$G" "$TMP/docs" "$N" <<'PY'
import os, re, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
books = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
chunks = []
for b in books:
    t = open(os.path.join(src, b), encoding="utf-8", errors="replace").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", t) if p.strip()]
    cur = []
    for p in paras:
        if re.match(r"(CHAPTER|Chapter|BOOK|Book) [IVXLC0-9]+", p) and len(cur) > 5:
            chunks.append((b, cur)); cur = []
        cur.append(p)
        if len(cur) >= 30:
            chunks.append((b, cur)); cur = []
    if cur:
        chunks.append((b, cur))
# spread over the books: every k-th chunk, round robin, until n
step = max(1, len(chunks) // n)
sel = chunks[::step][:n]
i = 0
while len(sel) < n:
    sel.append(chunks[i % len(chunks)]); i += 1
for k, (b, ps) in enumerate(sel):
    d = os.path.join(out, b[:-4])
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "part%05d.txt" % k), "w", encoding="utf-8") as f:
        f.write("Part %d of %s\n\n" % (k, b[:-4]) + "\n\n".join(ps) + "\n")
PY
(cd "$TMP" && zip -qr docs.zip docs && tar -czf docs.tar.gz docs)
bytes=$(du -sb "$TMP/docs" | cut -f1)
echo "scale: $N documents, $(echo "$bytes" | awk '{printf "%.1f", $1/1e6}') MB of text" \
    "(zip $(du -b "$TMP/docs.zip" | cut -f1) B, tar.gz $(du -b "$TMP/docs.tar.gz" | cut -f1) B)," \
    "to $FMT; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# run J INPUT OUT: one batch; prints docs/s, seconds, parent VmHWM (kB),
# worker peak (MB), manifest bytes.
run() {
    rm -rf "$3"
    t0=$(date +%s.%N)
    "$SAMIZDAT" batch -j "$1" -t "$FMT" "$2" -o "$3" 2>"$TMP/err" >/dev/null &
    pid=$!
    hwm=0
    while kill -0 $pid 2>/dev/null; do
        h=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$pid/status 2>/dev/null)
        [ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
        sleep 0.2
    done
    wait $pid
    t1=$(date +%s.%N)
    ok=$(sed -n 's/.*documents: \([0-9]*\) converted.*/\1/p' "$TMP/err")
    wrss=$(sed -n 's/.*peak worker memory \([0-9.]*\) MB.*/\1/p' "$TMP/err")
    m=$(cat "$3"/manifest*.jsonl | wc -c)
    echo "$t0 $t1 $ok $hwm $wrss $m" | awk '{s = $2 - $1; printf "%d docs in %.1f s = %.0f docs/s, parent peak %.1f MB, worker peak %s MB, manifest %.2f MB\n", $3, s, $3 / s, $4 / 1024, $5, $6 / 1e6}'
}
for input in docs docs.zip docs.tar.gz; do
    for j in 1 2; do
        printf 'scale: %-12s -j%d: ' "$input" "$j"
        run $j "$TMP/$input" "$TMP/out-$input-$j"
    done
done
# the parent's memory with a tenth of the documents
mkdir -p "$TMP/small/docs"
ls "$TMP/docs" | head -n $(( $(ls "$TMP/docs" | wc -l) / 10 + 1 )) | while read -r b; do
    cp -r "$TMP/docs/$b" "$TMP/small/docs/"; done
(cd "$TMP/small" && tar -czf docs.tar.gz docs)
printf 'scale: %-12s -j2: ' "1/10 tar.gz"
run 2 "$TMP/small/docs.tar.gz" "$TMP/out-small"

# kill -9 at 10 random moments, each followed by the next run resuming.
ref=$TMP/out-docs.tar.gz-2
K=$TMP/kill
rm -rf "$K"
for k in 1 2 3 4 5 6 7 8 9 10; do
    delay=$(python3 -c "import random; print(round(random.uniform(0.3, 6.0), 2))")
    setsid "$SAMIZDAT" batch -q -j 2 -t "$FMT" "$TMP/docs.tar.gz" -o "$K" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "scale: kill -9 #$k after ${delay}s: $(cat "$K"/manifest.jsonl 2>/dev/null | wc -l) manifest lines"
done
"$SAMIZDAT" batch -q -j 2 -t "$FMT" "$TMP/docs.tar.gz" -o "$K"
echo "scale: final resume exit $?"
python3 - "$K" "$ref" "$N" <<'PY'
import collections, hashlib, json, os, sys
k, ref, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
recs = [json.loads(l) for l in open(os.path.join(k, "manifest.jsonl"), encoding="utf-8")]
per = collections.Counter((r["input"], r["member"]) for r in recs)
ok = {(r["input"], r["member"]) for r in recs if r["status"] in ("ok", "warnings")}
bad = 0
for r in recs:
    for o in r["outputs"]:
        p = os.path.join(k, o["path"])
        d = open(p, "rb").read()
        if len(d) != o["size"] or hashlib.sha256(d).hexdigest() != o["sha256"]:
            bad += 1
files = {}
for root, _, fs in os.walk(k):
    for f in fs:
        if f.startswith(".samizdat") or f.startswith("manifest"):
            continue
        p = os.path.join(root, f)
        files[os.path.relpath(p, k)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
reff = {}
for root, _, fs in os.walk(ref):
    for f in fs:
        if f.startswith(".samizdat") or f.startswith("manifest"):
            continue
        p = os.path.join(root, f)
        reff[os.path.relpath(p, ref)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
temps = [f for f in files if ".tmp-" in f]
print("scale: after 10 kills and a resume: %d manifest lines, %d documents ok, %d recorded "
      "twice or more, %d outputs not matching their line, %d temporary files, outputs %s an "
      "uninterrupted run's" % (len(recs), len(ok), sum(1 for v in per.values() if v > 1), bad,
      len(temps), "equal" if files == reff else "DIFFER from"))
sys.exit(0 if len(ok) == n and files == reff and not bad and not temps and
         all(v == 1 for v in per.values()) else 1)
PY
