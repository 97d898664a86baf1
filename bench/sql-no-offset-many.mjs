// sql-no-offset on one statement with many OFFSETs (issue 11, item 9): `WITH c0 AS (SELECT … OFFSET 1), c1 AS …`
// with 5,000 CTEs (~200 KB). Lints it with ESLint's Linter and the built plugin (`npm run build` first) and prints
// the time and the number of findings. Usage: node bench/sql-no-offset-many.mjs [ctes]
import { Linter } from 'eslint';

import plugin from '../dist/index.js';

const ctes = Number(process.argv[2] ?? 5000);
const parts = Array.from({ length: ctes }, (_, k) => `c${k} AS (SELECT id, name FROM users ORDER BY id OFFSET ${k + 1})`);
const sql = `WITH ${parts.join(',\n')}\nSELECT * FROM c0;\n`;
const linter = new Linter({ configType: 'flat' });
const config = [{ files: ['**/*.sql'], plugins: { fortress: plugin }, language: 'fortress/sql', rules: { 'fortress/sql-no-offset': 'error' } }];
const started = performance.now();
const messages = linter.verify(sql, config, { filename: 'query.sql' });
const elapsed = performance.now() - started;
process.stdout.write(`${ctes} CTEs, ${(sql.length / 1024).toFixed(0)} KB: ${messages.length} findings in ${(elapsed / 1000).toFixed(2)} s\n`);
