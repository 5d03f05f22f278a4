// tests/lua/pandoc3.mjs — a `pandoc -f F -t T -L FILTER` stand-in running
// pandoc 3 from the npm package pandoc-wasm (the 3.x oracle of oracle.sh).
// Usage: PANDOC_WASM=/path/to/node_modules/pandoc-wasm/src/index.node.js \
//        node tests/lua/pandoc3.mjs -f json -t json -L case.lua < in.json
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { convert } = await import(pathToFileURL(process.env.PANDOC_WASM).href);
const args = process.argv.slice(2);
const opts = { filters: [] };
const files = {};
for (let i = 0; i < args.length; i += 2) {
  const [k, v] = [args[i], args[i + 1]];
  if (k === "-f") opts.from = v;
  else if (k === "-t") opts.to = v;
  else if (k === "-L") {
    const name = v.replace(/.*\//, "");
    files[name] = readFileSync(v, "utf8");
    opts.filters.push(name);
  }
}
const stdin = readFileSync(0, "utf8");
const r = await convert(opts, stdin, files);
process.stdout.write(r.stdout || "");
process.stderr.write(r.stderr || "");
process.exit(r.stderr && /Error|error/.test(r.stderr) && !r.stdout ? 83 : 0);
