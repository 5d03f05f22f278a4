#!/bin/sh
# tests/bench/json.sh — pandoc JSON read/write speed on a large document
# (tests/data/rich.json's blocks repeated; about 20 MB), against pandoc.
cd "$(dirname "$0")/../.." || exit 1
SAMIZDAT=${SAMIZDAT:-build/samizdat}
N=${SZ_BENCH_JSON_COPIES:-1200}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 - "$N" tests/data/rich.json "$TMP/big.json" <<'PYEOF'
import json, sys
n, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
d = json.load(open(src, encoding="utf-8"))
d["blocks"] = d["blocks"] * n
open(dst, "w", encoding="utf-8").write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
PYEOF
size=$(wc -c <"$TMP/big.json")
mb=$(echo "$size" | awk '{printf "%.1f", $1 / 1048576}')
echo "json: input $mb MB ($N copies of rich.json's blocks)"

# run LABEL CMD...: CPU time (user+sys, steadier than wall time on a shared
# machine), throughput and peak memory of CMD.
run() {
    label=$1; shift
    if ! /usr/bin/time -f '%U %S %M' -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err"; then
        echo "json: $label FAILED"
        return
    fi
    awk -v s="$size" -v l="$label" '{ t = $1 + $2; if (t <= 0) t = 0.01;
        printf "json: %-42s %6.2f s CPU  %6.1f MB/s  peak RSS %d MB\n", l, t, s / 1048576 / t, $3 / 1024 }' \
        "$TMP/time"
}
if [ ! -x /usr/bin/time ]; then
    echo "json: SKIP (needs /usr/bin/time)"
    exit 0
fi
run "samizdat -f json -t json" "$SAMIZDAT" -f json -t json "$TMP/big.json"
run "samizdat -f json -t json --pandoc-api 1.22" "$SAMIZDAT" -f json -t json --pandoc-api 1.22 "$TMP/big.json"
run "samizdat -f json -t native" "$SAMIZDAT" -f json -t native "$TMP/big.json"
if command -v pandoc >/dev/null 2>&1 && [ "${SZ_BENCH_PANDOC:-1}" != 0 ]; then
    run "pandoc -f json -t json (reference)" pandoc -f json -t json "$TMP/big.json"
fi
