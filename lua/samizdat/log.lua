-- lua/samizdat/log.lua
-- pandoc.log: messages to stderr.
-- See LICENSE.
local io = io
local _ENV = nil
local M = {}
function M.info(msg) io.stderr:write('[INFO] ', msg, '\n') end
function M.warn(msg) io.stderr:write('[WARNING] ', msg, '\n') end
function M.silence(fn, ...) return {}, fn(...) end
return M
