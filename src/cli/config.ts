// The project's configuration: fortress.config.{json,js,mjs} or the `fortress` key of package.json, validated by
// the zod schema of src/audit/options.ts. A wrong key or type is one line that names the file and the key path.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { z } from 'zod';

import { type AuditConfig, auditConfigSchema } from '../audit/options.js';
import { CliError, firstLine } from './errors.js';

export const CONFIG_FILES = ['fortress.config.json', 'fortress.config.js', 'fortress.config.mjs'] as const;

export interface LoadedConfig {
  config: AuditConfig;
  /** Where it came from (`fortress.config.json`, `package.json#fortress`), or null for the defaults. */
  source: string | null;
}

/** `rules["fortress/x"][1].y`, `ignore[0]`, `failOn`. */
export function formatKeyPath(keys: readonly PropertyKey[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** One line for the first problems zod found, each naming its key path. */
export function describeConfigIssues(source: string, error: z.ZodError): string {
  const problems = error.issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((key) => formatKeyPath([...issue.path, key]));
      return `unknown key${names.length > 1 ? 's' : ''} ${names.map((name) => `"${name}"`).join(', ')}`;
    }
    const where = issue.path.length > 0 ? `"${formatKeyPath(issue.path)}"` : 'the configuration';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `invalid configuration in ${source}: ${problems.join('; ')}${more}`;
}

async function readJson(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${label}: ${firstLine(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${label} is not valid JSON: ${firstLine(error)}`);
  }
}

async function importModule(file: string, label: string): Promise<unknown> {
  try {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return module.default ?? module;
  } catch (error) {
    throw new CliError(`cannot load ${label}: ${firstLine(error)}`);
  }
}

async function rawConfig(root: string): Promise<{ value: unknown; source: string } | null> {
  const present = CONFIG_FILES.filter((name) => existsSync(path.join(root, name)));
  if (present.length > 1) throw new CliError(`found ${present.join(' and ')}: keep one configuration file.`);
  const [name] = present;
  if (name !== undefined) {
    const file = path.join(root, name);
    return { value: name.endsWith('.json') ? await readJson(file, name) : await importModule(file, name), source: name };
  }
  const packageFile = path.join(root, 'package.json');
  if (!existsSync(packageFile)) return null;
  const packageJson = await readJson(packageFile, 'package.json');
  if (typeof packageJson !== 'object' || packageJson === null || !('fortress' in packageJson)) return null;
  return { value: (packageJson as { fortress: unknown }).fortress, source: 'package.json#fortress' };
}

export async function loadConfig(root: string): Promise<LoadedConfig> {
  const raw = await rawConfig(root);
  if (raw === null) return { config: auditConfigSchema.parse({}), source: null };
  const parsed = auditConfigSchema.safeParse(raw.value);
  if (!parsed.success) throw new CliError(describeConfigIssues(raw.source, parsed.error));
  return { config: parsed.data, source: raw.source };
}
