// An ExtractInput for a fixture project under test/fixtures/: every file, relative posix paths, sorted.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ExtractInput } from '../../../src/audit/extract/input.js';
import { auditConfigSchema } from '../../../src/audit/options.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixtureInput(name: string, config: unknown = {}): ExtractInput {
  const root = path.join(FIXTURES, name);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  return { root, config: auditConfigSchema.parse(config), files, notices: [] };
}
