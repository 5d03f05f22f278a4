-- input: small
function Meta(m)
  m.format = FORMAT
  m.v1 = tostring(PANDOC_VERSION >= "2.17")
  m.v2 = tostring(PANDOC_VERSION > {2, 9})
  m.v3 = tostring(PANDOC_VERSION < "100")
  m.api = tostring(PANDOC_API_VERSION >= "1.22")
  m.script = PANDOC_SCRIPT_FILE:match("[^/]*$")
  m.lpeg = tostring(type(lpeg.P) == "function" and type(re.compile) == "function")
  m.rt = pandoc.utils.type(PANDOC_READER_OPTIONS.columns) .. type(PANDOC_WRITER_OPTIONS.columns)
  return m
end
