-- input: small
-- A level must be an integer: 2.5 fails the filter (exit 83).
function Header(el) el.level = 2.5 return el end
function Para(el) return pandoc.Header(1.5, 'x') end
