// Regenerates the README rules table from the plugin's rule metadata: `npm run build && npm run update:readme`.
// test/repo/consistency.test.ts fails when the table and the rules disagree.
import { readFileSync, writeFileSync } from 'node:fs';

import fortress from '../dist/index.js';

const readmeUrl = new URL('../README.md', import.meta.url);
const begin = '<!-- begin rules table -->';
const end = '<!-- end rules table -->';

const rows = Object.entries(fortress.rules)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, rule]) => {
    const { meta } = rule;
    const fix = [meta.fixable ? '🔧' : '', meta.hasSuggestions ? '💡' : ''].join(' ').trim();
    const appliesTo = name.startsWith('sql-') ? '`.sql`' : name.startsWith('prisma-') ? '`.prisma`' : 'TS/JS';
    return `| [\`${name}\`](docs/rules/${name}.md) | ${meta.docs.description} | ${meta.docs.recommended ? '✅' : ''} | ${fix} | ${appliesTo} |`;
  });

const table = [
  begin,
  '| rule | what it flags | recommended | fix / suggestion | files |',
  '|---|---|:-:|:-:|---|',
  ...rows,
  end,
].join('\n');

const readme = readFileSync(readmeUrl, 'utf8');
const start = readme.indexOf(begin);
const stop = readme.indexOf(end);
if (start < 0 || stop < start) throw new Error('README.md lacks the rules table markers');
writeFileSync(readmeUrl, readme.slice(0, start) + table + readme.slice(stop + end.length));
process.stdout.write(`README rules table: ${rows.length} rules\n`);
