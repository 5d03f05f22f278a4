-- lua/samizdat/system.lua
-- pandoc.system: OS facts, environment, temporary and working directories.
-- See LICENSE.
local core = require 'samizdat.core'
local List = require 'samizdat.list'
local os, io, type, error, pcall, select, table, next = os, io, type, error, pcall, select, table, next
local _ENV = nil

local M = { os = 'linux', arch = core.arch or 'x86_64' }

function M.get_working_directory() return core.getcwd() end

function M.environment() return core.environ() end

local function restore(ok, ...)
  if not ok then error((...), 0) end
  return ...
end

function M.with_working_directory(dir, fn)
  local old = core.getcwd()
  core.chdir(dir)
  local function back(...) core.chdir(old); return ... end
  return restore(back(pcall(fn)))
end

function M.with_temporary_directory(...)
  local n = select('#', ...)
  local parent, templ, fn
  if n >= 3 then parent, templ, fn = ...
  else templ, fn = ...; parent = os.getenv('TMPDIR') or '/tmp' end
  local dir = core.mkdtemp(parent .. '/' .. templ .. '-XXXXXX')
  local function done(...) core.rmtree(dir); return ... end
  return restore(done(pcall(fn, dir)))
end

function M.with_environment(env, fn)
  local old = core.environ()
  core.setenv_all(env)
  local function back(...) core.setenv_all(old); return ... end
  return restore(back(pcall(fn)))
end

function M.list_directory(dir) return List(core.listdir(dir or '.')) end
function M.make_directory(dir, parents) core.mkdir(dir, parents) end
function M.remove_directory(dir, recursive)
  if recursive then core.rmtree(dir) else os.remove(dir) end
end
function M.read_file(p)
  local f = io.open(p, 'rb')
  if not f then error(p .. ': does not exist', 2) end
  local s = f:read('a')
  f:close()
  return s
end
function M.write_file(p, s)
  local f, err = io.open(p, 'wb')
  if not f then error(err, 2) end
  f:write(s)
  f:close()
end
function M.remove(p) os.remove(p) end
function M.rename(a, b) os.rename(a, b) end
function M.cputime() return os.clock() * 1e12 end

return M
