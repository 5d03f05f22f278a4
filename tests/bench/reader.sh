#!/bin/sh
# tests/bench/reader.sh — the essay reader alone (no writer, no process
# start) over the whole Gutenberg corpus: tests/bench/reader_bench.c times
# only the read call of each book.  Two runs: as is (glibc gives each
# book's arena back to the kernel, so every book pays for fresh zeroed
# pages), and with glibc's trim disabled (pages reused: the parsing work
# alone).
cd "$(dirname "$0")/../.." || exit 1
C=${SZ_SHARED:-../shared}/corpus/gutenberg
B=${B:-build}
if [ ! -d "$C" ]; then echo "SKIP reader bench: $C not found"; exit 0; fi
[ -f "$B/libsamizdat.a" ] || { echo "reader bench: build first (make)"; exit 1; }
PKGS="lua5.4 libxml-2.0 libzip minizip libarchive libutf8proc libunibreak yaml-0.1 jansson md4c yajl"
cc -O2 -Isrc tests/bench/reader_bench.c "$B/libsamizdat.a" $(pkg-config --libs $PKGS) \
    -lm -lpthread -ldl -o "$B/reader_bench" || exit 1
echo "fresh pages:   $("$B/reader_bench" "$C"/*.txt)"
echo "reused pages:  $(GLIBC_TUNABLES=glibc.malloc.trim_threshold=4000000000 \
    "$B/reader_bench" "$C"/*.txt)"
