// The audit's endpoint inventory and module graph on a generated Express project of about 4,000 files (N slices of
// routes, a controller and eight helper modules each, one API router mounting every slice, each slice importing
// the next: one cycle through all of them). Run after `npm run build`:
//   node bench/audit-inventory.mjs [--slices 400]
// Prints one JSON line: files, endpoints, wall and CPU time of each extractor, peak RSS.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Outside the repository: the generated TS must not join this project's tsconfig.
const root = mkdtempSync(path.join(tmpdir(), 'fortress-audit-inventory-'));
const flag = process.argv.indexOf('--slices');
const slices = flag === -1 ? 400 : Number(process.argv[flag + 1]);

const files = [];
const write = (file, text) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  files.push(file);
};
write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true }, include: ['src'] }));
let api = "import { Router } from 'express';\nconst api = Router();\n";
for (let i = 0; i < slices; i++) {
  const dir = `src/features/f${i}`;
  write(`${dir}/routes.ts`, `import { Router } from 'express';\nimport { create, list } from './controller.js';\nimport { helper } from '../f${(i + 1) % slices}/util.js';\nexport const router = Router();\nrouter.get('/', list);\nrouter.post('/', validate(schema), create);\nrouter.get('/:id', (req, res) => res.json(helper(req.params.id)));\n`);
  write(`${dir}/controller.ts`, 'export async function list(req, res) { res.json([]); }\nexport async function create(req, res) { res.json(req.body); }\n');
  for (let k = 0; k < 8; k++) {
    const helpers = Array.from({ length: 20 }, (_, j) => `export function helper${k || ''}${j ? `_${j}` : ''}(x: string) {\n  const cache = new Map<string, string>();\n  return cache.get(x) ?? x;\n}\n`);
    write(`${dir}/util${k || ''}.ts`, helpers.join('\n'));
  }
  api += `import { router as r${i} } from './features/f${i}/routes.js';\napi.use('/f${i}', r${i});\n`;
}
write('src/api.ts', `${api}export default api;\n`);
files.sort();

const dist = new URL('../dist/', import.meta.url);
const { extractProject } = await import(new URL('audit/extract/project.js', dist).href);
const { extractModuleGraph } = await import(new URL('audit/extract/module-graph.js', dist).href);
const { auditConfigSchema } = await import(new URL('audit/options.js', dist).href);
const input = () => ({ root, config: auditConfigSchema.parse({}), files, notices: [] });
const timed = async (run) => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: Math.round(performance.now() - wall), cpuMs: Math.round((used.user + used.system) / 1000) };
};
const project = await timed(() => extractProject(input()));
const graph = await timed(() => extractModuleGraph(input()));
process.stdout.write(`${JSON.stringify({
  files: files.length,
  endpoints: project.result.endpoints.length,
  inventory: { wallMs: project.wallMs, cpuMs: project.cpuMs },
  moduleGraph: { modules: graph.result.modules.length, cycles: graph.result.cycles.length, wallMs: graph.wallMs, cpuMs: graph.cpuMs },
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`);
rmSync(root, { recursive: true, force: true });
