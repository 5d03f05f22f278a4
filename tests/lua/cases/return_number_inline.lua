-- input: small
-- A number is not an Inline: the filter fails (exit 83).
function Str(el) return 42 end
