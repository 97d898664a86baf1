// Time and peak memory of linting one big `pg_dump --schema-only`-shaped file (bench/generate-schema-dump.mjs) with
// all the SQL rules, at several sizes: is the time linear in the size, and the peak RSS under ~10x it?
// Usage: npm run build && node bench/sql-big.mjs [--sizes 1,10,35d,50] [--dist dist]
//   A size is in MB; a trailing `d` makes the dense dump (no pg_dump header comments: ~10,000 statements per MB).
//   `--dist` lints with another build of the plugin (a copy of an older dist/ inside the repository, next to a copy
//   of package.json, e.g. bench/out/before/dist).
// Each run is `/usr/bin/time -f '%e %M' node node_modules/eslint/bin/eslint.js --no-config-lookup -c <config> -f json`
// (wall time and peak RSS of the whole process); the findings are counted, and the md5 of ESLint's JSON output
// (file paths removed) tells whether two builds report the same.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaDump } from './generate-schema-dump.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'bench/out/dump');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const sizes = option('--sizes', '1,10,35d,50').split(',');
const dist = path.resolve(root, option('--dist', 'dist'));

mkdirSync(out, { recursive: true });
const config = path.join(out, `eslint.config.${path.relative(root, dist).replaceAll(/[^\w]+/g, '-')}.mjs`);
writeFileSync(config, `import fortress from ${JSON.stringify(path.join(dist, 'index.js'))};\nexport default [fortress.configs['all-sql']];\n`);

process.stdout.write('| input | MB | wall (s) | peak RSS (MB) | s per MB | RSS MB per MB | findings | md5 of output |\n|---|---:|---:|---:|---:|---:|---:|---|\n');
for (const size of sizes) {
  const dense = size.endsWith('d');
  const file = path.join(out, `dump-${size}.sql`);
  if (!existsSync(file)) writeFileSync(file, schemaDump(Number.parseFloat(size), { dense }));
  const megabytes = statSync(file).size / 2 ** 20;
  const json = path.join(out, `result-${size}.json`);
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', process.execPath, path.join(root, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '-c', config, '-f', 'json', '-o', json, file],
    { encoding: 'utf8', cwd: out },
  );
  const [seconds, kilobytes] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  let findings = 'n/a';
  let md5 = 'n/a';
  if (existsSync(json)) {
    const results = JSON.parse(readFileSync(json, 'utf8'));
    findings = results.reduce((sum, result) => sum + result.messages.length, 0);
    md5 = createHash('md5').update(JSON.stringify(results.map((result) => ({ ...result, filePath: undefined })))).digest('hex').slice(0, 12);
  }
  const rss = kilobytes / 1024;
  process.stdout.write(`| ${dense ? 'dense ' : ''}dump | ${megabytes.toFixed(1)} | ${seconds.toFixed(2)} | ${rss.toFixed(0)} | ${(seconds / megabytes).toFixed(2)} | ${(rss / megabytes).toFixed(1)} | ${findings} | ${md5} |\n`);
}
