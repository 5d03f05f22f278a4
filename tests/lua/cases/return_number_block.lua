-- input: small
-- A number is not a Block: the filter fails (exit 83).
function Para(el) return 7 end
