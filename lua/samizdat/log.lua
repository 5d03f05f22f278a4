-- lua/samizdat/log.lua
-- pandoc.log: a script's messages go to PANDOC_STATE.log (and to stderr,
-- warnings always, infos with --verbose); silence keeps them out of both.
-- See LICENSE.
local io, debug, table, select, error, pcall = io, debug, table, select, error, pcall
local List = require 'samizdat.list'
local _ENV = nil
local M = {}

-- Set by the runtime's setup: the mutable table behind PANDOC_STATE.
M._state = { log = List{}, verbosity = 'WARNING' }
local sinks = {}           -- silence() pushes a list here while it runs

local function report(kind, verbosity, msg)
  local info = debug.getinfo(3, 'Sl') or {}
  local entry = { type = kind, message = msg, verbosity = verbosity,
    source = (info.source or ''):gsub('^@', ''), line = info.currentline }
  local sink = sinks[#sinks]
  if sink then sink:insert(entry) return end
  M._state.log:insert(entry)
  local v = M._state.verbosity
  if verbosity == 'WARNING' and v ~= 'ERROR' or v == 'INFO' then
    io.stderr:write('[', verbosity, '] ', msg, '\n')
  end
end

function M.info(msg) report('ScriptingInfo', 'INFO', msg) end
function M.warn(msg) report('ScriptingWarning', 'WARNING', msg) end

local function finish(captured, ok, ...)
  table.remove(sinks)
  if not ok then
    local err = ...
    error(err, 0)
  end
  return captured, ...
end

function M.silence(fn, ...)
  local captured = List{}
  sinks[#sinks + 1] = captured
  return finish(captured, pcall(fn, ...))
end

return M
