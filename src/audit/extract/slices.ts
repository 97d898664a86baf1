// The feature slices (modules) of the audited project, as the `no-cross-module-imports` rule sees them: its
// `moduleRoots` / `sharedPaths` options from the audit configuration, the rule's defaults otherwise. A slice goes by
// its folder name (`users`), or by its path (`packages/api/src/modules/users`) when two slices share a name.
import path from 'node:path';

import { createModuleOf, type ModuleRootOptions } from '../../rules/utils/module-roots.js';
import type { AuditConfig } from '../options.js';

export interface Slices {
  /** The slice a project file (relative posix path) or import target lies in; null outside any slice and in the shared kernel. */
  sliceOf(file: string, mayBeFolder?: boolean): string | null;
}

const RULE_ID = 'fortress/no-cross-module-imports';

/** The options object of a rule as configured (`"error"`, `["error", { … }]`), or `{}`. */
export function ruleOptionsOf(config: AuditConfig, ruleId: string): Record<string, unknown> {
  const entry = config.rules[ruleId];
  const options = Array.isArray(entry) ? entry[1] : undefined;
  return options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
}

export function createSlices(root: string, config: AuditConfig, files: readonly string[]): Slices {
  const options = ruleOptionsOf(config, RULE_ID) as ModuleRootOptions;
  const moduleOf = createModuleOf(root, {
    moduleRoots: Array.isArray(options.moduleRoots) ? options.moduleRoots : undefined,
    sharedPaths: Array.isArray(options.sharedPaths) ? options.sharedPaths : undefined,
  });
  const dirsByName = new Map<string, Set<string>>();
  for (const file of files) {
    const found = moduleOf(path.join(root, file));
    if (found) dirsByName.set(found.name, (dirsByName.get(found.name) ?? new Set()).add(found.dir));
  }
  return {
    sliceOf(file, mayBeFolder = false) {
      const found = moduleOf(path.isAbsolute(file) ? file : path.join(root, file), mayBeFolder);
      if (!found || moduleOf.isShared(found)) return null;
      return (dirsByName.get(found.name)?.size ?? 0) > 1 ? found.label : found.name;
    },
  };
}
