// squawk-cli, the reference peer of the SQL benchmarks, installed on demand into bench/.tools/ (git-ignored).
// It is not a devDependency: its optional per-platform binaries are not all on every registry mirror, and a
// lockfile missing them makes `npm ci` fail. It is never a runtime dependency.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SQUAWK_VERSION = '2.66.0';
const tools = fileURLToPath(new URL('.tools/', import.meta.url));

/** The path of the squawk binary, installing `squawk-cli@SQUAWK_VERSION` first if needed. */
export function squawkBinary() {
  const binary = path.join(tools, 'node_modules/.bin/squawk');
  if (!existsSync(binary)) {
    execFileSync('npm', ['install', '--prefix', tools, '--no-save', '--no-package-lock', `squawk-cli@${SQUAWK_VERSION}`], {
      stdio: 'inherit',
    });
  }
  return binary;
}
