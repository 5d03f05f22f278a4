-- input: small
function Meta(m)
  local out = {}
  pandoc.system.with_temporary_directory('sztest', function(dir)
    pandoc.system.with_working_directory(dir, function()
      local f = io.open('x.txt', 'w'); f:write('hi'); f:close()
      local g = io.open(dir .. '/x.txt'); out[#out+1] = g:read('a'); g:close()
    end)
  end)
  out[#out+1] = pandoc.pipe('tr', {'a-z', 'A-Z'}, 'hello')
  local ok, err = pcall(pandoc.pipe, 'false', {}, '')
  out[#out+1] = tostring(ok) .. ':' .. tostring(err.error_code)
  out[#out+1] = pandoc.system.os
  out[#out+1] = pandoc.utils.sha1('abc')
  out[#out+1] = pandoc.system.get_working_directory() == os.getenv('PWD') and 'cwd' or 'other'
  m.sys = table.concat(out, ' ')
  return m
end
