-- input: small
function Meta(m)
  local p = pandoc.path
  m.a = p.directory("a/b/c.txt") .. " " .. p.filename("a/b/c.txt") .. " " .. p.join{"a", "b", "c"}
  local base, ext = p.split_extension("dir/file.tar.gz")
  m.b = base .. " " .. ext .. " " .. tostring(p.is_absolute("/x")) .. tostring(p.is_relative("/x"))
  m.c = table.concat(p.split("/a/b"), ",") .. " " .. p.normalize("a/./b/") .. " " .. p.separator
  m.d = p.make_relative("/a/b/c", "/a") .. " " .. table.concat(p.split_search_path("a:b"), ",")
  return m
end
