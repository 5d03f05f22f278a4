#!/bin/sh
# examples/demo.sh — converts the sample essay into every output format in out/.
cd "$(dirname "$0")/.." || exit 1
S=build/samizdat
mkdir -p out
set -e
FIG=""
[ -f examples/essay-figures.lua ] && FIG="-L examples/essay-figures.lua"
for spec in plain:essay.txt json:essay.json native:essay.native html:essay.html epub:essay.epub tei:essay.tei.xml; do
    fmt=${spec%%:*} file=${spec#*:}
    if $S examples/essay.txt --metadata-file examples/essay.yaml $FIG -t "$fmt" -s -o "out/$file" 2>out/.err; then
        echo "  out/$file"
    else
        echo "  out/$file: not written ($(head -1 out/.err))"
    fi
done
rm -f out/.err
echo "samizdat demo: the sample essay is in out/ (open out/essay.epub in an e-book reader)."
