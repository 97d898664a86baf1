// Runs once before the whole suite. Tests that need dist/ (CLI, config loading) rely on
// `npm test` building first; here we only fail fast with a clear message if it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  if (!existsSync(distEntry)) {
    throw new Error('dist/ is missing: run `npm run build` (or `npm test`, which builds first).');
  }
}
