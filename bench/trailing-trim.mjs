// Issue 11, item 4: the old `text.replace(/[\s;]+$/, '')` against the linear backward scan, on SELECT + N spaces + 1.
// Run: node bench/trailing-trim.mjs [N=200000]
const n = Number(process.argv[2] ?? 200_000);
const text = `SELECT${' '.repeat(n)}1`;
const SQL_WHITESPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);
function linear(value) {
  let end = value.length;
  while (end > 0 && (value[end - 1] === ';' || SQL_WHITESPACE.has(value[end - 1]))) end--;
  return end;
}
let start = performance.now();
const after = linear(text);
process.stdout.write(`linear scan: ${(performance.now() - start).toFixed(2)} ms (length ${after})` + "\n");
start = performance.now();
const before = text.replace(/[\s;]+$/, '').length;
process.stdout.write(`regex /[\\s;]+$/: ${((performance.now() - start) / 1000).toFixed(1)} s (length ${before})` + "\n");
