// `node bench/code-migrations.mjs <folder> [runs]` (after `npm run build`): the cost of the `fortress/migrations`
// processor. Lints `<folder>/**/migrations/*.{js,ts}` with configs.recommended, without and then with its
// `fortress/recommended-migrations` block, alternating, in fresh processes; prints wall time, messages and peak RSS.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [folder, runsArg, mode] = process.argv.slice(2);
if (mode) {
  const { ESLint } = await import('eslint');
  const { default: fortress } = await import(pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href);
  const config = [...fortress.configs.recommended].filter((block) => mode === 'with' || block.name !== 'fortress/recommended-migrations');
  const eslint = new ESLint({ cwd: path.resolve(folder), overrideConfigFile: true, overrideConfig: config });
  const start = performance.now();
  const results = await eslint.lintFiles(['**/migrations/*.{js,ts}']);
  const messages = results.reduce((sum, result) => sum + result.messages.length, 0);
  process.stdout.write(JSON.stringify({ files: results.length, messages, ms: Math.round(performance.now() - start), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else {
  if (!folder) throw new Error('usage: node bench/code-migrations.mjs <folder> [runs]');
  for (let run = 0; run < Number(runsArg ?? 2); run++) {
    for (const which of ['without', 'with']) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), folder, '1', which], { encoding: 'utf8' });
      console.log(which.padEnd(8), out);
    }
  }
}
