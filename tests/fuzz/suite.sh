#!/bin/sh
# tests/fuzz/suite.sh — replays the committed fuzzing corpus and the
# regression inputs (tests/fuzz/{corpus,regress}/READER/*) through the
# samizdat binary, every writer each (READER yaml: the input is the
# --metadata-file of a one-line essay).  The first 3 bytes of each file are
# options, decoded as tests/fuzz/fuzz_common.h does; the rest is the input.
# An input passes when samizdat exits 0, or 64 with an error that names the
# file and a line, a byte offset or a JSON path, with no sanitizer report and no signal.
. "$(dirname "$0")/../lib.sh"
dir=$SZ_ROOT/tests/fuzz
writers="plain json native html epub tei"
cat > "$SZ_TMP/identity.lua" <<'LUA'
return {{ Inline = function(e) return e end, Block = function(e) return e end,
          Meta = function(m) return m end }}
LUA
echo 'A short text.' > "$SZ_TMP/short.txt"

# opts FILE: the command-line options its first three bytes stand for.
opts() {
    set -- $(od -An -tu1 -N3 "$1")
    b0=${1:-0} b1=${2:-0} b2=${3:-0}
    o=""
    [ $((b0 & 1)) -ne 0 ] && o="$o --no-smart"
    [ $((b0 & 2)) -ne 0 ] && o="$o --keep-boilerplate"
    case $(((b0 >> 2) & 3)) in 1) o="$o --wrap=none" ;; 2) o="$o --wrap=preserve" ;; esac
    [ $((b0 & 16)) -ne 0 ] && o="$o -s"
    [ $((b0 & 32)) -ne 0 ] && o="$o --pandoc-api=1.22"
    [ $((b0 & 64)) -ne 0 ] && o="$o -L $SZ_TMP/identity.lua"
    [ $((b0 & 128)) -ne 0 ] && o="$o --encoding=windows-1252"
    o="$o --columns=$((1 + b1)) --toc-depth=$((1 + (b2 & 15) % 6))"
    echo "$o --split-level=$((1 + (b2 >> 4) % 6))"
}

n=0
for set in corpus regress; do
    for reader in essay json yaml markdown html epub; do
        for f in "$dir/$set/$reader"/*; do
            [ -f "$f" ] || continue
            name="$set/$reader/$(basename "$f")"
            in=$SZ_TMP/fuzz.in
            tail -c +4 "$f" > "$in"
            o=$(opts "$f")
            bad=""
            for w in $writers; do
                if [ $reader = yaml ]; then
                    set -- -f essay "$SZ_TMP/short.txt" --metadata-file "$in"
                else
                    set -- -f $reader "$in"
                fi
                # shellcheck disable=SC2086
                timeout 20 "$SAMIZDAT" -q -t "$w" $o "$@" \
                    >"$SZ_TMP/out" 2>"$SZ_TMP/err"
                rc=$?
                if grep -q 'Sanitizer\|runtime error' "$SZ_TMP/err"; then
                    bad="$w: $(grep -m1 'ERROR\|runtime error' "$SZ_TMP/err")"
                elif [ $rc -eq 64 ]; then
                    grep -q "^$in:[0-9].*error\|^$in: error: .*(byte offset [0-9]*)\|^$in: error: .* at \\$" "$SZ_TMP/err" ||
                        bad="$w: parse error without file and line/offset: $(head -c 200 "$SZ_TMP/err")"
                    break   # the reader failed: the other writers would too
                elif [ $rc -ne 0 ]; then
                    bad="$w: exit $rc: $(head -c 200 "$SZ_TMP/err")"
                elif [ ! -s "$SZ_TMP/out" ] && [ "$w" != plain ]; then
                    bad="$w: empty output"
                fi
                [ -n "$bad" ] && break
            done
            if [ -n "$bad" ]; then fail "fuzz $name: $bad"; else n=$((n + 1)); fi
        done
    done
done
pass "fuzz: $n corpus and regression inputs through $writers"
