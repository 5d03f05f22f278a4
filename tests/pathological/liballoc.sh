# tests/pathological/liballoc.sh — sourced by suite.sh.  The libraries
# without allocation hooks (libyaml, md4c, zlib under minizip):
# through failmalloc.so (LD_PRELOAD), each allocation they make fails in
# turn, while converting a Markdown text with YAML metadata to EPUB (libyaml,
# md4c, zlib) and while reading that EPUB back (zlib, "libz:read").  Every run must end
# with the undisturbed output, or with exit 86 and "out of memory" and no
# output left — never a crash, another exit code (a "parse error") or a
# different output.  minizip's own allocations go through the program's
# (src/core/lazylib.c), so tests/pathological/failalloc.sh makes them fail.
# Not under the sanitizers (their allocator must come first).
la_dir=$SZ_TMP/liballoc
mkdir -p "$la_dir"
if [ "${SZ_ASAN:-0}" = 1 ]; then
    skip "liballoc: not under the sanitizers"
elif ! cc -O1 -shared -fPIC -o "$la_dir/failmalloc.so" "$SZ_ROOT/tests/pathological/failmalloc.c" -ldl \
        2>"$la_dir/cc.err"; then
    fail "liballoc: cannot build failmalloc.so: $(head -c 200 "$la_dir/cc.err")"
else
    printf -- '---\ntitle: A *small* book\nauthor: [Ann, Bob]\nkeywords:\n  - a: 1\n    b: [x, y]\n---\n\n# One\n\nSome *text*, a [link](http://x/) and `code`.\n\n- a list\n- of two\n\n> quoted\n' \
        > "$la_dir/in.md"
    "$SAMIZDAT" -q -f markdown -t epub -o "$la_dir/ref.epub" "$la_dir/in.md"
    "$SAMIZDAT" -q -f epub -t plain -o "$la_dir/ref.txt" "$la_dir/ref.epub"
    for lib in libyaml libmd4c libz libz:read; do
        # run OUT: the conversion that makes lib allocate, into OUT.
        case $lib in
        *:read) ext=txt; run() { "$SAMIZDAT" -q -f epub -t plain -o "$1" "$la_dir/ref.epub"; } ;;
        *) ext=epub; run() { "$SAMIZDAT" -q -f markdown -t epub -o "$1" "$la_dir/in.md"; } ;;
        esac
        total=$(SZ_FAIL_LIB=${lib%:read} SZ_FAIL_NTH=0 LD_PRELOAD="$la_dir/failmalloc.so" \
            run "$la_dir/out.$ext" 2>&1 |
            sed -n 's/^failmalloc: \([0-9]*\) allocations.*/\1/p')
        if [ -z "$total" ] || [ "$total" -eq 0 ]; then
            fail "liballoc $lib: no allocation counted"
            continue
        fi
        bad="" n=1
        while [ $n -le "$total" ] && [ -z "$bad" ]; do
            rm -f "$la_dir/out.$ext" "$la_dir"/out.$ext.tmp-*
            SZ_FAIL_LIB=${lib%:read} SZ_FAIL_NTH=$n LD_PRELOAD="$la_dir/failmalloc.so" \
                run "$la_dir/out.$ext" 2>"$la_dir/err"
            rc=$?
            if [ $rc -eq 0 ]; then
                cmp -s "$la_dir/ref.$ext" "$la_dir/out.$ext" ||
                    bad="allocation $n: exit 0 with a different output"
            elif [ $rc -ne 86 ]; then
                bad="allocation $n: exit $rc: $(head -c 200 "$la_dir/err")"
            elif ! grep -q "error: out of memory" "$la_dir/err"; then
                bad="allocation $n: exit 86 without saying out of memory"
            elif ls "$la_dir/out.$ext" "$la_dir"/out.$ext.tmp-* >/dev/null 2>&1; then
                bad="allocation $n: an output or temporary file is left"
            fi
            n=$((n + 1))
        done
        if [ -n "$bad" ]; then fail "liballoc $lib: $bad"; else
            pass "liballoc $lib: each of its $total allocations made to fail"; fi
    done
fi

# batch over a zip, each of libzip's allocations failing in turn: the batch
# ends (exit 0, or 3 for documents that failed), and a document that failed
# says "out of memory" in the manifest, not that its member is damaged.
# libzip itself reports a few failed allocations while it reads the central
# directory as "Not a zip archive"; that reason is libzip's and stays.
if [ "${SZ_ASAN:-0}" != 1 ] && [ -f "$la_dir/failmalloc.so" ] && command -v zip >/dev/null 2>&1; then
    printf 'A Title\n\nSome text here.\n' > "$la_dir/a.txt"
    cp "$la_dir/a.txt" "$la_dir/b.txt"
    rm -f "$la_dir/in.zip"
    (cd "$la_dir" && zip -q in.zip a.txt b.txt)
    total=$(SZ_FAIL_LIB=libzip SZ_FAIL_NTH=0 LD_PRELOAD="$la_dir/failmalloc.so" \
        "$SAMIZDAT" batch -q -t plain -o "$la_dir/bout" "$la_dir/in.zip" 2>&1 |
        sed -n 's/^failmalloc: \([0-9]*\) allocations.*/\1/p' | head -1)
    bad="" n=1
    [ -n "$total" ] && [ "$total" -gt 0 ] || bad="no allocation counted"
    while [ -z "$bad" ] && [ $n -le "$total" ]; do
        rm -rf "$la_dir/bout"
        SZ_FAIL_LIB=libzip SZ_FAIL_NTH=$n LD_PRELOAD="$la_dir/failmalloc.so" \
            "$SAMIZDAT" batch -q -t plain -o "$la_dir/bout" "$la_dir/in.zip" >/dev/null 2>"$la_dir/err"
        rc=$?
        if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
            bad="allocation $n: exit $rc: $(head -c 200 "$la_dir/err")"
        elif [ ! -f "$la_dir/bout/manifest.jsonl" ]; then
            bad="allocation $n: no manifest"
        elif grep -o '"error":"[^"]*"' "$la_dir/bout/manifest.jsonl" |
                grep -v 'out of memory\|Not a zip archive' | grep -q .; then
            bad="allocation $n: $(grep -o '"error":"[^"]*"' "$la_dir/bout/manifest.jsonl" | head -1)"
        fi
        n=$((n + 1))
    done
    if [ -n "$bad" ]; then fail "liballoc batch zip: $bad"; else
        pass "liballoc batch zip: each of libzip's $total allocations made to fail"; fi
fi
