-- input: small
function Para(el) os.exit(3) end
