// `npm run example`: ESLint with fortress's recommended configs over the bundled example projects, then the
// fortress-audit CLI (the built binary, as `npx fortress-audit` runs it) on the sliced example.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import fortress from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = ['test/fixtures/layered-express-prisma', 'test/fixtures/sliced-hono-drizzle'];

let total = 0;
for (const example of examples) {
  const cwd = path.join(root, example);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [...fortress.configs.recommended],
  });
  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  const count = results.reduce((sum, result) => sum + result.messages.length, 0);
  total += count;
  process.stdout.write(`\n── ${example} (${count} findings) ──\n`);
  process.stdout.write((await formatter.format(results)) || '  no findings\n');
}
process.stdout.write(`\n${total} findings in ${examples.length} example projects. Each message says what to change.\n`);

// The audit of the bundled example: the Cognitive Audit Cycle as a tech lead reads it (docs/audit.md shows this run).
const audited = 'test/fixtures/sliced-hono-drizzle';
process.stdout.write(`\n── fortress-audit ${audited} ──\n\n`);
const audit = spawnSync(process.execPath, [path.join(root, 'dist/cli/index.js'), path.join(root, audited), '--fail-on', 'never'], { stdio: 'inherit' });
process.exitCode = audit.status ?? 1;
