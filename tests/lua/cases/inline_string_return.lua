-- input: small
function Str(el) if el.text == "words" then return "many words" end end
