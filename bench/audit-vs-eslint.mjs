// Benchmark: the cold `fortress-audit` run vs `eslint` with fortress's configs.recommended on the same generated tree.
// Usage: npm run build && node bench/audit-vs-eslint.mjs [--files 4000] [--runs 3]
// The project is generated (deterministic): feature slices of routes / service / repository / schema files with a
// mix of clean code and violations, a shared folder, SQL migrations, a tsconfig with a path alias. Both tools are run
// as fresh processes, alternately, so that both see the same machine load; wall time and peak RSS come from GNU time
// when it is installed. The target (issue 9): the audit takes at most 1.5× the time of eslint.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const fileCount = argument('--files', 4000);
const runs = argument('--runs', 3);
// Outside this repository, as its own git repository: under bench/out (git-ignored here) the audit would list no file,
// since it reads the files git does not ignore.
const out = path.join(tmpdir(), `fortress-bench-audit-${fileCount}`);

const FILE_KINDS = [
  (feature, index) => `import { Hono } from 'hono';
import { z } from 'zod';

import { ${feature}Service${index} } from './${feature}.service${index}';

const create${index} = z.object({ name: z.string().min(1), quantity: z.number().int().positive() });

export const ${feature}Routes${index} = new Hono()
  .get('/${feature}/${index}', async (c) => c.json(await ${feature}Service${index}.list(c.req.query('cursor'))))
  .post('/${feature}/${index}', async (c) => {
    const body = create${index}.parse(await c.req.json());
    return c.json(await ${feature}Service${index}.create(body), 201);
  })
  .delete('/${feature}/${index}/:id', async (c) => c.json(await ${feature}Service${index}.remove(c.req.param('id'))));
`,
  (feature, index) => `import { v4 as uuid } from 'uuid';

import { ${feature}Repository${index} } from './${feature}.repository${index}';

export const ${feature}Service${index} = {
  async list(cursor?: string) {
    return ${feature}Repository${index}.page(cursor ?? null, 50);
  },
  async create(input: { name: string; quantity: number }) {
    const id = uuid();
    console.log('creating', id);
    return ${feature}Repository${index}.insert({ id, ...input });
  },
  async remove(id: string) {
    return ${feature}Repository${index}.delete(id);
  },
};
`,
  (feature, index) => `import { db } from '@/shared/db';

export const ${feature}Repository${index} = {
  page(cursor: string | null, limit: number) {
    return db.query('SELECT id, name FROM ${feature} WHERE ($1::uuid IS NULL OR id < $1) ORDER BY id DESC LIMIT $2', [cursor, limit]);
  },
  search(term: string, page: number) {
    return db.query('SELECT id, name FROM ${feature} WHERE name ILIKE $1 ORDER BY name LIMIT 20 OFFSET $2', [term, page * 20]);
  },
  insert(row: { id: string; name: string; quantity: number }) {
    return db.query('INSERT INTO ${feature} (id, name, quantity) VALUES ($1, $2, $3)', [row.id, row.name, row.quantity]);
  },
  delete(id: string) {
    return db.query('DELETE FROM ${feature} WHERE id = $1', [id]);
  },
};
`,
  (feature, index) => `export interface ${feature[0].toUpperCase()}${feature.slice(1)}${index} {
  id: string;
  name: string;
  quantity: number;
  createdAt: Date;
}

export function total${index}(items: ReadonlyArray<{ quantity: number }>): number {
  let sum = 0;
  for (const item of items) sum += item.quantity;
  return sum;
}
`,
];
const KIND_SUFFIX = ['.routes', '.service', '.repository', '.model'];

function generate() {
  if (existsSync(path.join(out, '.complete'))) return;
  rmSync(out, { recursive: true, force: true });
  const features = Math.max(1, Math.ceil(fileCount / 40));
  let written = 0;
  for (let feature = 0; written < fileCount; feature = (feature + 1) % features) {
    const name = `feature${feature}`;
    const dir = path.join(out, 'src/features', name);
    mkdirSync(dir, { recursive: true });
    const index = Math.floor(written / features);
    const kind = index % FILE_KINDS.length;
    const group = Math.floor(index / FILE_KINDS.length);
    writeFileSync(path.join(dir, `${name}${KIND_SUFFIX[kind]}${group}.ts`), FILE_KINDS[kind](name, group));
    written += 1;
  }
  mkdirSync(path.join(out, 'src/shared'), { recursive: true });
  writeFileSync(path.join(out, 'src/shared/db.ts'), "export const db = { query: async (_sql: string, _params: unknown[]) => [] as unknown[] };\n");
  mkdirSync(path.join(out, 'migrations'), { recursive: true });
  for (let feature = 0; feature < features; feature += 1) {
    writeFileSync(
      path.join(out, 'migrations', `${String(feature).padStart(4, '0')}_feature${feature}.sql`),
      `CREATE TABLE feature${feature} (\n  id uuid PRIMARY KEY DEFAULT ${feature % 3 === 0 ? 'gen_random_uuid()' : 'uuidv7()'},\n  name text NOT NULL,\n  quantity integer NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n`,
    );
  }
  writeFileSync(path.join(out, 'package.json'), '{"name":"bench-audit","private":true,"type":"module"}\n');
  writeFileSync(
    path.join(out, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@/*': ['src/*'] } } }, null, 2),
  );
  writeFileSync(
    path.join(out, 'eslint.config.js'),
    `import fortress from ${JSON.stringify(path.join(root, 'dist/index.js'))};\nexport default [...fortress.configs.recommended];\n`,
  );
  const git = (...args) => spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: out, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'generated');
  writeFileSync(path.join(out, '.complete'), '');
}

const hasGnuTime = existsSync('/usr/bin/time');

function measure(args) {
  const timeFile = path.join(root, 'bench/out/audit-time.txt');
  const started = process.hrtime.bigint();
  const run = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, process.execPath, ...args], { cwd: out, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, args, { cwd: out, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMb = hasGnuTime ? Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).at(-1)) / 1024 : NaN;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { seconds, peakMb, stdout: run.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

generate();
const eslintArgs = [path.join(root, 'node_modules/eslint/bin/eslint.js'), '-f', 'json', '.'];
const auditArgs = [path.join(root, 'dist/cli/index.js'), '.', '--format', 'json', '--fail-on', 'never'];
const eslintRuns = [];
const auditRuns = [];
let eslintFindings = 0;
let auditFindings = 0;
for (let run = 0; run < runs; run += 1) {
  const eslint = measure(eslintArgs);
  eslintRuns.push(eslint);
  eslintFindings = JSON.parse(eslint.stdout).reduce((sum, result) => sum + result.messages.length, 0);
  const audit = measure(auditArgs);
  auditRuns.push(audit);
  const result = JSON.parse(audit.stdout);
  auditFindings = result.summary.errors + result.summary.warnings;
  process.stderr.write(`run ${run + 1}/${runs}: eslint ${eslint.seconds.toFixed(2)} s, fortress-audit ${audit.seconds.toFixed(2)} s\n`);
}
const eslintSeconds = median(eslintRuns.map((run) => run.seconds));
const auditSeconds = median(auditRuns.map((run) => run.seconds));
const format = (runsOf) => runsOf.map((run) => run.seconds.toFixed(2)).join(', ');
process.stdout.write(
  [
    `${fileCount} generated TS files + ${Math.ceil(fileCount / 40)} migrations, ${runs} runs each, interleaved (node ${process.version})`,
    '',
    '| command | median wall | runs (s) | peak RSS (median) | findings |',
    '|---|---:|---:|---:|---:|',
    `| \`eslint -f json .\` (configs.recommended) | ${eslintSeconds.toFixed(2)} s | ${format(eslintRuns)} | ${median(eslintRuns.map((run) => run.peakMb)).toFixed(0)} MB | ${eslintFindings} |`,
    `| \`fortress-audit . --format json\` | ${auditSeconds.toFixed(2)} s | ${format(auditRuns)} | ${median(auditRuns.map((run) => run.peakMb)).toFixed(0)} MB | ${auditFindings} |`,
    '',
    `audit / eslint: ${(auditSeconds / eslintSeconds).toFixed(2)}× (target ≤ 1.5×)`,
    '',
  ].join('\n'),
);
