// Benchmark: the SQL parser in a long-lived process (an editor's ESLint server), with V8's WebAssembly tier-up off
// while it runs (the default, see withoutWasmTierUp in src/sql/parser.ts) and with V8's own tiering.
// Usage: npm run build && node bench/sql-parser-warm.mjs
// The second measurement runs node with `--wasm-tiering-budget=1800000` (V8's default value): a node started with
// WebAssembly tiering flags of its own keeps them, so the parser tiers up as V8 decides.
// Needs the generated big set (node bench/sql-vs-squawk.mjs writes it to bench/out/big).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] === '--child') {
  const { parseSql } = await import(new URL('../dist/sql/parser.js', import.meta.url).href);
  const big = readFileSync(`${root}bench/out/big/migrations/0001_big.sql`, 'utf8');
  const base = readFileSync(`${root}bench/out/big/migrations/0000_base.sql`, 'utf8');
  const bigRounds = [];
  for (let round = 0; round < 12; round++) {
    const start = performance.now();
    for (const statement of parseSql(big).statements) void statement.node;
    bigRounds.push(Math.round(performance.now() - start));
  }
  let start = performance.now();
  for (let round = 0; round < 200; round++) parseSql(base);
  const small = Math.round(performance.now() - start);
  // The size of a query in TypeScript that the SQL-in-TS extractor parses.
  start = performance.now();
  for (let round = 0; round < 20000; round++) parseSql('SELECT id, title FROM posts WHERE author_id = $1 ORDER BY id LIMIT 20');
  const queries = Math.round(performance.now() - start);
  process.stdout.write(JSON.stringify({ bigRounds, small, queries }));
} else {
  const runs = { 'tier-up off (default)': [], "V8's own tiering": ['--wasm-tiering-budget=1800000'] };
  process.stdout.write(
    `node ${process.version}\n\n| parser | first parse of 1.5 MB (ms) | parses 2–12 (ms, min–max) | 200 parses of 25 KB (ms) | 20,000 one-line queries (ms) |\n|---|---:|---:|---:|---:|\n`,
  );
  for (let repeat = 0; repeat < 2; repeat++) {
    for (const [name, flags] of Object.entries(runs)) {
      const { bigRounds, small, queries } = JSON.parse(execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' }));
      const warm = bigRounds.slice(1);
      process.stdout.write(`| ${name} | ${bigRounds[0]} | ${Math.min(...warm)}–${Math.max(...warm)} | ${small} | ${queries} |\n`);
    }
  }
}
