#!/bin/sh
# tests/cli/suite.sh — the command line: options, exit codes, safe output.
. "$(dirname "$0")/../lib.sh"
S=$SAMIZDAT
T=$SZ_TMP

check "cli: --help" $S --help
check "cli: --version" sh -c "$S --version | grep -q '^samizdat '"
check "cli: --list-input-formats names essay and json" \
    sh -c "$S --list-input-formats | grep -qx essay && $S --list-input-formats | grep -qx json"
check "cli: --list-output-formats names every writer" \
    sh -c "for w in plain json native html epub tei; do $S --list-output-formats | grep -qx \$w || exit 1; done"
check_exit "cli: unknown option is a usage error (2)" 2 $S --no-such-option
check_exit "cli: option without its value (2)" 2 $S --columns
check_exit "cli: bad --columns value (2)" 2 $S --columns=abc
check_exit "cli: bad --wrap value (2)" 2 $S --wrap=sideways
check_exit "cli: unknown writer (22)" 22 $S -t nosuchformat "$SZ_ROOT/examples/essay.txt"
check_exit "cli: unknown reader (21)" 21 $S -f nosuchformat "$SZ_ROOT/examples/essay.txt"
check_exit "cli: missing input file (1)" 1 $S "$T/does-not-exist.txt"
check_exit "cli: directory as input (1)" 1 $S "$T"
grep -q "does-not-exist.txt" "$T/exit.err" 2>/dev/null
$S "$T/does-not-exist.txt" 2>"$T/err.txt"
check "cli: error message names the file" grep -q "does-not-exist.txt" "$T/err.txt"

printf 'Hello world.\n' > "$T/in.txt"
cp "$T/in.txt" "$T/in.orig"
check_exit "cli: -o naming the input is refused (1)" 1 $S "$T/in.txt" -o "$T/in.txt"
check_same "cli: refused input left untouched" "$T/in.orig" "$T/in.txt"
ln -s "$T/in.txt" "$T/link.txt"
check_exit "cli: -o naming the input through a link is refused (1)" 1 $S "$T/in.txt" -o "$T/link.txt"

if $S "$T/in.txt" -t native >/dev/null 2>&1; then
    check "cli: -o writes the file" sh -c "$S '$T/in.txt' -t native -o '$T/out.native' && test -s '$T/out.native'"
    check "cli: no temporary file left behind" sh -c "! ls '$T' | grep -q 'tmp-'"
    check_exit "cli: unwritable output (1)" 1 $S "$T/in.txt" -t native -o "$T/no/such/dir/out.native"
    check "cli: failed write leaves no file" test ! -e "$T/no/such/dir/out.native"
    check "cli: stdin as input" sh -c "printf 'Hi there.\n' | $S -t native | grep -q 'Str \"there.\"'"
    check "cli: -M sets metadata" sh -c "$S '$T/in.txt' -t native -M title=Essay | grep -q 'MetaEntry \"title\"'"
    printf 'title: [unclosed\n' > "$T/bad.yaml"
    check_exit "cli: bad YAML metadata file is a parse error (64)" 64 $S "$T/in.txt" --metadata-file "$T/bad.yaml"
    check "cli: YAML error names the file and line" grep -q "bad.yaml:[0-9]" "$T/exit.err"
    printf 'title: A Title\nauthor:\n  - One\n  - Two\ndraft: true\n' > "$T/m.yaml"
    $S "$T/in.txt" -t native --metadata-file "$T/m.yaml" > "$T/m.native" 2>&1
    check "cli: YAML list and bool metadata" sh -c "grep -q 'MetaList' '$T/m.native' && grep -q 'MetaBool True' '$T/m.native'"
else
    skip "cli: conversions: the essay reader is not available"
fi
