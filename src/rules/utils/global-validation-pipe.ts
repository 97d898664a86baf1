// Does a NestJS project install a global ValidationPipe? One answer for the `require-input-validation` rule (which lints
// one file, so it reads the project's bootstrap and module files itself) and for the audit (which meets those files
// while it composes routes and calls the two node checks below).
//
//   app.useGlobalPipes(new ValidationPipe({ … }))           in the bootstrap file (main.ts, bootstrap.ts, …)
//   { provide: APP_PIPE, useClass: ValidationPipe }          a provider in a module (*.module.ts); also `useValue: new …`
//
// A pipe counts when its class name ends with `ValidationPipe` (`ValidationPipe`, `ZodValidationPipe`,
// `CustomValidationPipe`). The project is the folder of the nearest package.json (else tsconfig.json) above the linted
// file; its candidate files are listed once per process (node_modules, dist, build and dot folders skipped) and each is
// re-read when its mtime or size changes. A file added later is seen by the next process (editor restart).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { tsParser } from '../../util/ts-parser.js';
import { memberName, propertyNamed } from './route-handlers.js';

/** Files that may install the pipe: bootstraps and modules. */
const CANDIDATE = /^(?:main|bootstrap|app|server|index)\.[cm]?[jt]s$|\.module\.[cm]?[jt]s$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'test', 'tests', '__tests__', 'e2e']);
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 8;
const PIPE_CLASS = /ValidationPipe$/;
const MENTIONS = /useGlobalPipes|APP_PIPE/;

/** `ValidationPipe` for `new ValidationPipe({ … })` and `ValidationPipe`. */
function constructorName(node: TSESTree.Node): string | undefined {
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier') return node.callee.name;
  return node.type === 'Identifier' ? node.name : undefined;
}

/** `app.useGlobalPipes(new ValidationPipe())`: what it installs, as a label; undefined for any other call. */
export function globalPipeOfCall(call: TSESTree.CallExpression): string | undefined {
  if (call.callee.type !== 'MemberExpression' || memberName(call.callee) !== 'useGlobalPipes') return undefined;
  const pipe = call.arguments.map((argument) => constructorName(argument)).find((name) => name !== undefined && PIPE_CLASS.test(name));
  return pipe ? `${pipe} (global: useGlobalPipes)` : undefined;
}

/** `{ provide: APP_PIPE, useClass: ValidationPipe }` (or `useValue: new …`): what it installs, as a label. */
export function globalPipeOfProvider(object: TSESTree.ObjectExpression): string | undefined {
  const provide = propertyNamed(object, 'provide')?.value;
  if (provide?.type !== 'Identifier' || provide.name !== 'APP_PIPE') return undefined;
  const value = propertyNamed(object, 'useClass')?.value ?? propertyNamed(object, 'useValue')?.value;
  const pipe = value ? constructorName(value) : undefined;
  return pipe && PIPE_CLASS.test(pipe) ? `${pipe} (global: APP_PIPE)` : undefined;
}

/** The first global ValidationPipe installed in one parsed file. */
function globalPipeIn(ast: TSESTree.Node): string | undefined {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') continue;
    const typed = node as TSESTree.Node;
    const found =
      typed.type === 'CallExpression' ? globalPipeOfCall(typed) : typed.type === 'ObjectExpression' ? globalPipeOfProvider(typed) : undefined;
    if (found) return found;
    for (const [key, child] of Object.entries(typed)) {
      if (key !== 'parent' && key !== 'loc' && key !== 'range' && child && typeof child === 'object') stack.push(child);
    }
  }
  return undefined;
}

interface FileState {
  signature: string;
  pipe: string | undefined;
}

interface ProjectState {
  candidates: string[];
  files: Map<string, FileState>;
}

const projects = new Map<string, ProjectState>();
const rootOfFolder = new Map<string, string | undefined>();

/** The folder of the nearest package.json (else tsconfig.json) above `folder`; cached per folder. */
function projectRoot(folder: string): string | undefined {
  if (rootOfFolder.has(folder)) return rootOfFolder.get(folder);
  let root: string | undefined;
  let tsconfig: string | undefined;
  for (let current = folder; ; current = path.dirname(current)) {
    if (safeIsFile(path.join(current, 'package.json'))) {
      root = current;
      break;
    }
    tsconfig ??= safeIsFile(path.join(current, 'tsconfig.json')) ? current : undefined;
    if (path.dirname(current) === current) break;
  }
  root ??= tsconfig;
  rootOfFolder.set(folder, root);
  return root;
}

function safeIsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Bootstrap and module files under `root`, breadth first, bounded. */
function listCandidates(root: string): string[] {
  const found: string[] = [];
  let queue: string[] = [root];
  let entries = 0;
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0 && entries < MAX_ENTRIES; depth++) {
    const next: string[] = [];
    for (const folder of queue) {
      let listing: import('node:fs').Dirent[];
      try {
        listing = readdirSync(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of listing) {
        if (++entries > MAX_ENTRIES) break;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) next.push(path.join(folder, entry.name));
        } else if (CANDIDATE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          found.push(path.join(folder, entry.name));
        }
      }
    }
    queue = next;
  }
  return found;
}

/** What one candidate file installs, re-read when its mtime or size changed. */
function pipeOfFile(state: ProjectState, file: string): string | undefined {
  let signature: string;
  try {
    const stat = statSync(file);
    signature = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
  const known = state.files.get(file);
  if (known?.signature === signature) return known.pipe;
  let pipe: string | undefined;
  try {
    const text = readFileSync(file, 'utf8');
    if (MENTIONS.test(text)) {
      const ast = tsParser().parse(text, { range: false, loc: false, jsx: false, comment: false, filePath: file });
      pipe = globalPipeIn(ast as TSESTree.Node);
    }
  } catch {
    pipe = undefined; // unreadable or not parseable: it installs nothing we can see
  }
  state.files.set(file, { signature, pipe });
  return pipe;
}

/**
 * The global ValidationPipe of the project the file belongs to (`ValidationPipe (global: useGlobalPipes) in
 * src/main.ts`), or undefined. Never throws.
 */
export function findGlobalValidationPipe(filename: string): string | undefined {
  if (!path.isAbsolute(filename)) return undefined;
  const root = projectRoot(path.dirname(filename));
  if (root === undefined) return undefined;
  let state = projects.get(root);
  if (!state) {
    state = { candidates: listCandidates(root), files: new Map() };
    projects.set(root, state);
  }
  for (const file of state.candidates) {
    const pipe = pipeOfFile(state, file);
    if (pipe) return `${pipe} in ${path.relative(root, file).split(path.sep).join('/')}`;
  }
  return undefined;
}
