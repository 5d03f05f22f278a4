# samizdat — build, demo, tests, benchmarks.  See README.md.

PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
DATADIR    = $(PREFIX)/share/samizdat
MANDIR     = $(PREFIX)/share/man/man1

CC        ?= cc
PKGS       = lua5.4 libxml-2.0 libzip minizip libarchive libutf8proc libunibreak yaml-0.1 jansson md4c yajl
# minizip's header is zip.h, as libzip's is: its -I would hide libzip's, so
# the sources include it as <minizip/zip.h> and its flags are left out.
PKG_CFLAGS := $(shell pkg-config --cflags $(filter-out minizip,$(PKGS)) 2>/dev/null)
# Lua and LPeg, libxml2, libzip, minizip, libarchive, libyaml, md4c and yajl
# are not linked: src/core/lazylib.c loads them (dlopen) when a conversion first
# calls them, which keeps them and what they pull in (ICU, libstdc++,
# libcrypto, compressors) out of the start-up of conversions that need none
# of them.  Their sonames come from the libraries pkg-config would have
# linked.
LAZY_PKGS  = lua5.4 libxml-2.0 libzip minizip libarchive yaml-0.1 md4c yajl
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null)
soname     = $(shell objdump -p "$$($(CC) $(shell pkg-config --libs-only-L $(2) 2>/dev/null) -print-file-name=$(1))" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
SONAMES   := $(foreach l,XML:libxml2.so:libxml-2.0 ZIP:libzip.so:libzip MINIZIP:libminizip.so:minizip ARCHIVE:libarchive.so:libarchive \
               YAML:libyaml.so:yaml-0.1 MD4C:libmd4c.so:md4c YAJL:libyajl.so:yajl \
               LUA:liblua5.4.so:lua5.4 LPEG:liblua5.4-lpeg.so:lua5.4,\
               $(if $(call soname,$(word 2,$(subst :, ,$(l))),$(word 3,$(subst :, ,$(l)))),\
                 -DSZ_SONAME_$(word 1,$(subst :, ,$(l)))='"$(call soname,$(word 2,$(subst :, ,$(l))),$(word 3,$(subst :, ,$(l))))"'))
WARN       = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wwrite-strings -Wundef -Wno-unused-parameter
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) \
             -DSZ_DATADIR='"$(DATADIR)"' $(SONAMES)
LDLIBS     = $(PKG_LIBS) -lm -lpthread -ldl

# Every .c under src/ is part of the program; a new reader or writer needs
# no Makefile edit.  Generated sources (the embedded Lua runtime) are added
# by the rules below.
SRC       := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
GEN_SRC    =
B          = build
OBJ        = $(patsubst %.c,$(B)/%.o,$(SRC) $(GEN_SRC))

# Debian packages: to build, and in addition to run the tests.
DEPS_BUILD = build-essential pkg-config liblua5.4-dev lua-lpeg lua-lpeg-dev libxml2-dev \
             libzip-dev libminizip-dev libarchive-dev libutf8proc-dev libunibreak-dev libyaml-dev libjansson-dev \
             libmd4c-dev libyajl-dev
DEPS_TEST  = pandoc epubcheck default-jre-headless jing libxml2-utils parallel zip unzip \
             python3 time zstd libarchive-tools valgrind

# The Lua runtime (lua/**/*.lua) embedded into the binary.
# LPeg is loaded with Lua (src/core/lazylib.c).
.DEFAULT_GOAL := all
LUA_SRC   := $(sort $(shell find lua -name '*.lua' 2>/dev/null))
# LPeg's `re` module is the one Debian's lua-lpeg installs, embedded as "re"
# at build time, so a filter's require 're' works without a package.path.
LUA_RE    ?= /usr/share/lua/5.4/re.lua
LUA_SRC   += $(LUA_RE)
GEN_SRC   += $(B)/gen/lua_embed.c

$(B)/gen/lua_embed.c: $(LUA_SRC) src/bridge/embed.sh
	@mkdir -p $(dir $@)
	sh src/bridge/embed.sh $(LUA_SRC) > $@.tmp && mv $@.tmp $@

.PHONY: lua-oracle lua-check
# Regenerates tests/lua/expected/ with pandoc (see tests/lua/README.md).
lua-oracle:
	@sh tests/lua/oracle.sh

lua-check: all
	@SAMIZDAT=$(CURDIR)/$(B)/samizdat sh tests/lua/suite.sh

# The essay reader against the books' ground truth: the 14
# hand-checked books, then the paired books (truth from PG's HTML; the
# held-out third only with SZ_HELDOUT=1), then the corpus books' titles
# with and without PG's header.
reader-score: $(B)/samizdat
	@python3 tests/reader-truth/score.py $(B)/samizdat
	@python3 tests/reader-truth/vonly.py $(B)/samizdat
	@python3 tests/reader-truth/paired.py $(B)/samizdat
	@python3 tests/reader-titles/titles.py $(B)/samizdat
	@python3 tests/reader-truth/essays/essays.py $(B)/samizdat

# libFuzzer harnesses (tests/fuzz/fuzz_*.c: essay, json, markdown, yaml, html, epub,
# archive), built with clang under ASan+UBSan in build-fuzz/.  `make fuzz` builds them; to fuzz:
#   build-fuzz/fuzz/fuzz_essay -fork=1 -max_total_time=600 DIR  (see tests/fuzz/README.md)
FUZZ_CC     ?= clang
FUZZ_CFLAGS  = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=undefined
FUZZ_BINS    = $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: fuzz fuzz-bins
fuzz:
	@sh tests/deps.sh clang libclang-rt-14-dev
	$(MAKE) --no-print-directory B=build-fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" fuzz-bins

fuzz-bins: $(FUZZ_BINS)

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h $(B)/libsamizdat.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(B)/libsamizdat.a $(LDLIBS)

.PHONY: all units deps deps-test demo check check-full asan bench reader-score install clean format
all: $(B)/samizdat

UNIT       = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
units: $(UNIT)
$(B)/tests/%: tests/unit/%.c tests/unit/harness.h $(B)/libsamizdat.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libsamizdat.a $(LDLIBS)

$(B)/samizdat: $(B)/libsamizdat.a $(B)/src/main.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(B)/src/main.o $(B)/libsamizdat.a $(LDLIBS)

$(B)/libsamizdat.a: $(OBJ)
	rm -f $@ && ar rcs $@ $(OBJ)

# Each object depends on the headers it includes (the .d files the compiler
# writes beside it), so editing a header rebuilds only its includers.
# An object without its .d (built before there were any) is built again.
$(B)/%.o: %.c $(B)/%.d
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
$(B)/%.d: ;
.PRECIOUS: $(B)/%.d
-include $(OBJ:.o=.d) $(B)/src/main.d

# The same program under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) --no-print-directory B=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" build-asan/samizdat units

deps:
	@sh tests/deps.sh $(DEPS_BUILD)

deps-test: deps
	@sh tests/deps.sh $(DEPS_TEST)

# These first install what is missing, then build in a fresh make: the
# pkg-config flags above are computed when make starts, which on a fresh
# machine is before the -dev packages exist.
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
demo: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@sh examples/demo.sh

check: deps-test
	@$(MAKE) --no-print-directory -j$(JOBS) all units asan
	@sh tests/run.sh

check-full: deps-test
	@$(MAKE) --no-print-directory -j$(JOBS) all units asan
	@SZ_FULL=1 sh tests/run.sh

bench: deps-test
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/filters $(DESTDIR)$(MANDIR)
	install -m 755 $(B)/samizdat $(DESTDIR)$(BINDIR)/samizdat
	install -m 644 filters/*.lua $(DESTDIR)$(DATADIR)/filters/ 2>/dev/null || true
	if ls lua/*.lua >/dev/null 2>&1; then install -d $(DESTDIR)$(DATADIR)/lua && cp -R lua/. $(DESTDIR)$(DATADIR)/lua/; fi
	install -m 644 doc/samizdat.1 $(DESTDIR)$(MANDIR)/samizdat.1

format:
	clang-format -i $(SRC) src/main.c $(wildcard src/*.h src/*/*.h)

clean:
	rm -rf build build-asan out
