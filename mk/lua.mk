# mk/lua.mk — the Lua runtime (lua/**/*.lua) embedded into the binary.
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
