# tests/pathological/limits.sh — sourced by suite.sh.  Inputs that must be
# refused quickly, with a located error and a documented exit code.
lim_dir=$SZ_TMP/limits
mkdir -p "$lim_dir"
echo 'A short text.' > "$lim_dir/short.txt"

# lim_check NAME CODE PATTERN SECONDS CMD...: CMD exits CODE within SECONDS,
# its error matches PATTERN, no sanitizer report.
lim_check() {
    name=$1 want=$2 pat=$3 secs=$4; shift 4
    timeout "$secs" "$@" >"$lim_dir/out" 2>"$lim_dir/err"
    rc=$?
    if grep -q 'Sanitizer\|runtime error' "$lim_dir/err"; then
        fail "pathological $name: $(grep -m1 'ERROR\|runtime error' "$lim_dir/err")"
    elif [ $rc -ne "$want" ] || { [ -n "$pat" ] && ! grep -q "$pat" "$lim_dir/err"; }; then
        fail "pathological $name: exit $rc, wanted $want: $(head -c 200 "$lim_dir/err")"
    else
        pass "pathological $name"
    fi
}

# YAML nested 100000 deep: libyaml's scanner alone is quadratic in the
# depth of flow collections, so the depth is checked while scanning.
for shape in flow-seq flow-map flow-mixed block-seq; do
    python3 - "$lim_dir/$shape.yaml" $shape <<'PY'
import sys
n = 100000
f = {'flow-seq': 'k: ' + '[' * n + ']' * n,
     'flow-map': 'k: ' + '{a: ' * n + '}' * n,
     'flow-mixed': 'k: ' + '[{a: ' * (n // 2),
     'block-seq': 'k:\n' + '- ' * n + 'x'}[sys.argv[2]]
open(sys.argv[1], 'w').write(f + '\n')
PY
    lim_check "yaml-deep-$shape" 64 "$lim_dir/$shape.yaml:[0-9]*:[0-9]*: error: YAML metadata nested deeper" 10 \
        "$SAMIZDAT" -q "$lim_dir/short.txt" --metadata-file "$lim_dir/$shape.yaml" -t json
done

# Endless or huge inputs stop at --max-input-size (default 256M), named,
# exit 1, without reading on; a file larger than the limit is not read.
lim_check input-dev-zero 1 "^/dev/zero: error: larger than the input size limit of 1 MiB" 20 \
    "$SAMIZDAT" --max-input-size 1M /dev/zero
lim_check metadata-file-dev-zero 1 "^/dev/zero: error: larger than the input size limit of 256 MiB" 60 \
    "$SAMIZDAT" "$lim_dir/short.txt" --metadata-file /dev/zero
lim_check stdin-dev-zero 1 "^standard input: error: larger than the input size limit of 64 KiB" 20 \
    sh -c '"$1" --max-input-size 64K - < /dev/zero' sh "$SAMIZDAT"
head -c 5000 /dev/zero | tr '\0' a > "$lim_dir/5k.txt"
lim_check input-over-limit 1 "5k.txt: error: larger than the input size limit of 4000 bytes" 20 \
    "$SAMIZDAT" --max-input-size 4000 "$lim_dir/5k.txt"
lim_check input-at-limit 0 "" 20 "$SAMIZDAT" --max-input-size 5000 "$lim_dir/5k.txt"
lim_check max-input-size-negative 2 "max-input-size takes a positive number" 20 \
    "$SAMIZDAT" --max-input-size -1 "$lim_dir/short.txt"
lim_check max-input-size-zero 2 "max-input-size takes a positive number" 20 \
    "$SAMIZDAT" --max-input-size 0 "$lim_dir/short.txt"
# Out of memory (here the first allocation failing): exit 86, said so.
lim_check out-of-memory 86 "error: out of memory" 20 \
    env SZ_TEST_FAIL_ALLOC=1 "$SAMIZDAT" "$lim_dir/short.txt"
