// ExtractInput for a fixture project: its files listed as the orchestrator lists them (relative posix, sorted,
// node_modules / dist / .git left out), default configuration.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ExtractInput } from '../../src/audit/extract/input.js';
import { auditConfigSchema } from '../../src/audit/options.js';

const IGNORED = new Set(['node_modules', 'dist', '.git', 'build', 'coverage']);

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string, prefix: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (IGNORED.has(entry.name)) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(directory, entry.name), relative);
      else if (entry.isFile()) files.push(relative);
    }
  };
  walk(root, '');
  return files.sort();
}

export function inputFor(root: string, config: Record<string, unknown> = {}): ExtractInput {
  const absolute = path.isAbsolute(root) ? root : path.join(FIXTURES, root);
  return { root: absolute, config: auditConfigSchema.parse(config), files: listFiles(absolute), notices: [] };
}
