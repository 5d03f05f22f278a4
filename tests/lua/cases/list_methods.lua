-- input: small
function Meta(m)
  local l = pandoc.List{3, 1, 2}
  local r = {}
  r[#r+1] = table.concat(l:map(function(x) return x * 2 end), ",")
  r[#r+1] = table.concat(l:filter(function(x) return x > 1 end), ",")
  local v, i = l:find(2); r[#r+1] = v .. "@" .. i
  local v2, i2 = l:find_if(function(x) return x < 3 end); r[#r+1] = v2 .. "@" .. i2
  r[#r+1] = tostring(l:includes(1)) .. tostring(l:includes(9))
  local c = l:clone(); c:sort(); r[#r+1] = table.concat(c, ",")
  r[#r+1] = table.concat(l, ",")
  local e = pandoc.List{1}; e:extend{2, 3}; r[#r+1] = table.concat(e, ",")
  r[#r+1] = table.concat(pandoc.List{1} .. pandoc.List{2}, ",")
  local x = pandoc.List{1, 2, 3}; x:insert(1, 0); x:remove(); r[#r+1] = table.concat(x, ",")
  r[#r+1] = tostring(pandoc.List{1, 2} == pandoc.List{1, 2})
  m.list = table.concat(r, ";")
  return m
end
