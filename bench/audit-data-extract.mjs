// Times the audit's schema and secrets extractors (built: `npm run build` first) over a project directory:
//   node bench/audit-data-extract.mjs [dir]      (default: this repository)
// Prints files listed, tables, queries, secrets, notices, wall time of each extractor and peak RSS.
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { extractSchema } from '../dist/audit/extract/schema.js';
import { extractSecrets } from '../dist/audit/extract/secrets.js';
import { auditConfigSchema } from '../dist/audit/options.js';

const IGNORED = new Set(['node_modules', 'dist', '.git', 'build', 'coverage']);
const root = path.resolve(process.argv[2] ?? '.');

function listFiles(directory, prefix = '', into = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (IGNORED.has(entry.name)) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) listFiles(path.join(directory, entry.name), relative, into);
    else if (entry.isFile()) into.push(relative);
  }
  return into;
}

const files = listFiles(root).sort();
const input = () => ({ root, config: auditConfigSchema.parse({}), files, notices: [] });
let started = performance.now();
const schemaInput = input();
const schema = await extractSchema(schemaInput);
const schemaMs = performance.now() - started;
started = performance.now();
const secretsInput = input();
const secrets = await extractSecrets(secretsInput);
const secretsMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    root: path.basename(root),
    files: files.length,
    tables: schema.tables.length,
    queries: schema.queries?.length ?? 0,
    secrets: secrets.secrets.length,
    envReads: secrets.envReads?.length ?? 0,
    notices: schemaInput.notices.length + secretsInput.notices.length,
    schemaMs: Math.round(schemaMs),
    secretsMs: Math.round(secretsMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
