# mk/fuzz.mk — libFuzzer harnesses (tests/fuzz/fuzz_*.c: essay, json, markdown, yaml), built with clang
# under ASan+UBSan in build-fuzz/.  `make fuzz` builds them; to fuzz:
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
