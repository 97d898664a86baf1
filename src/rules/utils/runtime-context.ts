// Does a file run as server runtime? A file that is browser code, a command-line tool, test infrastructure or a
// one-shot script is not, whatever folder it is in. The facts, cheapest first:
//
//   browser        a `'use client'` directive; a React / Preact / Vue / Solid component or hook (imports one of them
//                  or contains JSX); a `frontend/`, `client/` or `web/` folder below the working directory; a package
//                  whose package.json depends on a browser framework and on no server framework, or says it is
//                  built for browsers (a `browser` field or export condition, a UMD bundle as its entry, an
//                  `unpkg`/`jsdelivr` CDN entry) and depends on no server framework; a Vite single-page app (an
//                  `index.html` and a `vite.config.*` next to the package.json); a `useX.ts` hook file. A file with a server mark (`'use server'`, `.server.` in its name, a `server/` folder,
//                  Next.js `app/api/` / `pages/api/`, a `route.ts`) stays server code, except a `.client.` module
//                  (or a file under a `.client/` folder) in a Remix / React Router package: that framework keeps
//                  such modules out of the server bundle, wherever they are.
//   cli            a shebang (`#!/usr/bin/env node`), an import of a prompt or argument-parser library (inquirer,
//                  prompts, commander, yargs, …), a package.json with a `bin` (and no server framework among
//                  its dependencies, or `cli` in its name) or that depends on such a library and on no server
//                  framework, output sized to the terminal (`process.stdout.columns` / `.rows` /
//                  `.getWindowSize()`), or a command module: a file under a `commands/` or `cli/`
//                  folder whose default export is a function (what a CLI entry point loads and runs; CQRS command
//                  classes in a `commands/` folder export classes and stay server code)
//   test infra     test setup files (`test-setup`, `setupTests`, `global-setup`, `*.setup.ts`), `*-dev` launchers,
//                  imports of `testcontainers`, packages named `*test-utils*` / `*testing*` / `*testcontainers*`
//   script         a file under `.husky/`, `.githooks/`, `.github/`; a `process.exit()` / `process.exit(0)` outside an event handler: the file runs once and ends
//
// The nearest package.json above a file is looked up on every call (one stat per folder) and its facts are read
// again when its mtime or size changes, or when its folder's mtime does (an index.html or vite.config added).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { toPosix } from './source-path.js';

export type NotServerReason = 'browser' | 'cli' | 'test infrastructure' | 'script';

interface PackageFacts {
  name: string;
  /**
   * A command-line tool: a `bin` and no server framework among its dependencies (or `cli` in its name), or a prompt
   * or argument-parser library among its dependencies and no server framework.
   */
  isCli: boolean;
  browserOnly: boolean;
  /** Depends on Remix or React Router, whose `.client.` modules never reach the server bundle. */
  clientModules: boolean;
}

interface CachedPackage {
  signature: string;
  facts: PackageFacts | undefined;
}

const BROWSER_FRAMEWORKS = ['react-dom', 'vue', 'svelte', '@angular/core', 'solid-js', 'preact', '@tauri-apps/api', 'react-native'];
const SERVER_FRAMEWORKS = ['express', 'fastify', 'hono', 'koa', '@nestjs/core', 'next', '@remix-run/node', '@remix-run/server-runtime', '@react-router/node', '@react-router/serve', 'nuxt', '@sveltejs/kit', 'astro', 'h3', 'elysia', '@hapi/hapi'];
const UI_IMPORTS = /^(?:react|react-dom|preact|vue|solid-js|@tanstack\/react-query)(?:\/|$)/;
const BROWSER_FOLDERS = new Set(['frontend', 'client', 'web']);
/** Imports only Node has (browser bundles polyfill `path`, `events`, `buffer`, `util`: those say nothing). */
const NODE_ONLY_IMPORT = /^(?:node:|(?:fs|fs\/promises|child_process|net|tls|dns|cluster|worker_threads|module|http2?|https)$)/;
/** Git hook and CI tooling folders: scripts run by developers and CI, never by the server. */
const GIT_HOOK_FOLDERS = new Set(['.husky', '.githooks', '.github']);
const TEST_SETUP_FILE = /(?:^|[-_.])(?:test-?setup|setup-?tests?|global-?(?:setup|teardown)|vitest\.setup|jest\.setup)(?:[-_.]|$)|-dev\.[cm]?[jt]sx?$/i;
const TEST_PACKAGE = /test-?utils|testing|testcontainers/i;
const TESTCONTAINERS = /^(?:testcontainers|@testcontainers\/)/;
/** Interactive prompts and argument parsers: a command-line tool. */
const CLI_IMPORTS = /^(?:inquirer|@inquirer\/|prompts|enquirer|@clack\/prompts|commander|yargs|meow|cac|clipanion|@oclif\/)/;
/** The same libraries as package.json dependencies (whole names: `yargs-parser` is a parser any library may use). */
const CLI_DEPENDENCIES = /^(?:inquirer|prompts|enquirer|@clack\/prompts|commander|yargs|meow|cac|clipanion)$|^(?:@inquirer|@oclif)\//;
/** Frameworks with the `.client.` module convention (excluded from the server build). */
const CLIENT_MODULE_FRAMEWORKS = /^(?:react-router|react-router-dom|@react-router\/|@remix-run\/|remix$)/;
/** A `.client.` module (`detect-fields.client.ts`), or a `.client` folder. */
const CLIENT_MODULE = /\.client\.[cm]?[jt]sx?$/;
/** A read of the terminal's size: output laid out for a terminal. */
const TERMINAL_SIZE = /\bprocess\.std(?:out|err)\.(?:columns|rows|getWindowSize)\b/;

/** A Vite config at a package root; with an `index.html` next to it, the package is a single-page app. */
const VITE_CONFIG = /^vite\.config\.[cm]?[jt]s$/;
/** An entry file built for `<script>` tags. */
const UMD_ENTRY = /\.umd\.[cm]?js$/;
const COMMAND_FOLDERS = new Set(['commands', 'cli']);

const packageCache = new Map<string, CachedPackage>();

interface PackageJson {
  name?: unknown;
  bin?: unknown;
  browser?: unknown;
  main?: unknown;
  exports?: unknown;
  unpkg?: unknown;
  jsdelivr?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  peerDependencies?: unknown;
}

/** A `browser` key anywhere in `exports`, or a UMD bundle as an entry: the package is built for browsers. */
function builtForBrowsers(json: PackageJson): boolean {
  if (json.browser !== undefined && json.browser !== null && json.browser !== false) return true;
  if ((typeof json.unpkg === 'string' && json.unpkg !== '') || (typeof json.jsdelivr === 'string' && json.jsdelivr !== '')) return true;
  const stack: unknown[] = [json.main, json.exports];
  for (let budget = 200; stack.length > 0 && budget > 0; budget--) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (UMD_ENTRY.test(value)) return true;
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'browser') return true;
        stack.push(child);
      }
    }
  }
  return false;
}

function readPackage(file: string, siblings: readonly string[]): PackageFacts | undefined {
  let json: PackageJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const deps = new Set<string>();
  for (const group of [json.dependencies, json.peerDependencies, json.devDependencies]) {
    if (group && typeof group === 'object') for (const name of Object.keys(group)) deps.add(name);
  }
  const runtime = new Set<string>([json.dependencies, json.peerDependencies].flatMap((group) => (group && typeof group === 'object' ? Object.keys(group) : [])));
  const hasServerFramework = SERVER_FRAMEWORKS.some((name) => deps.has(name));
  const hasBin = (typeof json.bin === 'string' && json.bin !== '') || (!!json.bin && typeof json.bin === 'object' && Object.keys(json.bin).length > 0);
  return {
    name: typeof json.name === 'string' ? json.name : '',
    isCli:
      (hasBin && (/(?:^|[-/@])cli(?:$|[-/])/.test(typeof json.name === 'string' ? json.name : '') || !hasServerFramework)) ||
      ([...runtime].some((name) => CLI_DEPENDENCIES.test(name)) && !hasServerFramework),
    clientModules: [...deps].some((name) => CLIENT_MODULE_FRAMEWORKS.test(name)),
    browserOnly:
      (siblings.includes('index.html') && siblings.some((name) => VITE_CONFIG.test(name))) ||
      ((BROWSER_FRAMEWORKS.some((name) => runtime.has(name) || deps.has(name)) || builtForBrowsers(json)) && !hasServerFramework),
  };
}

/** mtime and size of a file or folder, or undefined when it does not exist. */
function signatureOf(file: string): string | undefined {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.mtimeMs}:${stat.size}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The facts of the nearest package.json above `folder`; undefined when there is none. Read again when the
 * package.json or its folder (files added or removed next to it) changes.
 */
function nearestPackage(folder: string): PackageFacts | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    const file = path.join(current, 'package.json');
    const fileSignature = signatureOf(file);
    if (fileSignature !== undefined) {
      const signature = `${fileSignature}|${signatureOf(current) ?? ''}`;
      const cached = packageCache.get(file);
      if (cached?.signature === signature) return cached.facts;
      let siblings: string[] = [];
      try {
        siblings = readdirSync(current);
      } catch {
        // an unreadable folder: no index.html, no vite.config
      }
      const facts = readPackage(file, siblings);
      packageCache.set(file, { signature, facts });
      return facts;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** The module's default export is a function (declared, an expression, or a module-level name bound to one). */
function defaultExportsFunction(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const isFunction = (node: TSESTree.Node | null | undefined): boolean =>
    !!node && ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(node.type);
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== 'ExportDefaultDeclaration') continue;
    const declaration = statement.declaration;
    if (isFunction(declaration)) return true;
    if (declaration.type !== 'Identifier') return false;
    const variable = sourceCode.scopeManager?.globalScope?.childScopes
      .find((scope) => scope.type === 'module')
      ?.set.get(declaration.name);
    return (
      variable?.defs.some(
        (def) => def.type === 'FunctionName' || (def.node.type === 'VariableDeclarator' && def.node.id.type === 'Identifier' && isFunction(def.node.init)),
      ) ?? false
    );
  }
  return false;
}

function directives(program: TSESTree.Program): string[] {
  const found: string[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'Literal' || typeof statement.expression.value !== 'string') break;
    found.push(statement.expression.value);
  }
  return found;
}

/** Some node of the program satisfies `test` (an explicit stack: no recursion on the source's nesting). */
function someNode(sourceCode: Readonly<TSESLint.SourceCode>, test: (node: TSESTree.Node) => boolean): boolean {
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (test(node)) return true;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}

/** `process.exit()` / `process.exit(0)` outside an event handler (`process.on('SIGTERM', …)` is a server's shutdown). */
function endsWithExit(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return /\bprocess\.exit\(/.test(sourceCode.text) && someNode(sourceCode, (node) => isSuccessfulExit(node) && !inEventHandler(node));
}

/** `process.stdout.columns`, `process.stderr.rows`, `process.stdout.getWindowSize`: output laid out for a terminal. */
function sizedToTerminal(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return (
    TERMINAL_SIZE.test(sourceCode.text) &&
    someNode(sourceCode, (node) => {
      if (node.type !== 'MemberExpression' || node.property.type !== 'Identifier' || !['columns', 'rows', 'getWindowSize'].includes(node.property.name)) return false;
      const stream = node.object;
      return (
        stream.type === 'MemberExpression' &&
        stream.object.type === 'Identifier' &&
        stream.object.name === 'process' &&
        stream.property.type === 'Identifier' &&
        (stream.property.name === 'stdout' || stream.property.name === 'stderr')
      );
    })
  );
}

function isSuccessfulExit(node: TSESTree.Node): boolean {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (object.type !== 'Identifier' || object.name !== 'process' || property.type !== 'Identifier' || property.name !== 'exit') return false;
  const code = node.arguments[0];
  return code === undefined || (code.type === 'Literal' && code.value === 0);
}

function inEventHandler(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== 'CallExpression' || current.callee.type !== 'MemberExpression' || current.callee.property.type !== 'Identifier') continue;
    if (['on', 'once', 'addListener', 'addEventListener'].includes(current.callee.property.name)) return true;
  }
  return false;
}

/**
 * Why the file is not server runtime, or undefined when it is (or may be). `filename` absolute as ESLint gives it;
 * `cwd` ESLint's working directory (folder names above it are not looked at).
 */
export function notServerRuntime(sourceCode: Readonly<TSESLint.SourceCode>, filename: string, cwd: string): NotServerReason | undefined {
  const program = sourceCode.ast;
  if (sourceCode.text.startsWith('#!')) return 'cli';
  const marks = directives(program);
  const posix = toPosix(filename);
  const relative = path.isAbsolute(filename) ? path.posix.relative(toPosix(cwd), posix) : posix;
  const inside = !relative.startsWith('../') && !path.posix.isAbsolute(relative);
  const folders = inside ? relative.split('/').slice(0, -1) : [];
  const base = path.posix.basename(posix);
  // `server/` anywhere; `api/` only as Next.js's `app/api/` or `pages/api/` (a `hooks/api/` folder is a client's)
  const serverFolder = folders.some((folder, index) => folder === 'server' || (folder === 'api' && ['app', 'pages'].includes(folders[index - 1] ?? '')));
  const imports = program.body.flatMap((statement) => (statement.type === 'ImportDeclaration' ? [statement.source.value] : []));
  // A Node-only import (`node:path`, `fs`, `child_process`…) says Node, whatever the folder: a job queue's
  // `lib/jobs/client/` is a server's client, not browser code.
  const nodeOnly = imports.some((source) => NODE_ONLY_IMPORT.test(source));
  const serverMark = marks.includes('use server') || /\.server\./.test(base) || serverFolder || /^route\.[cm]?[jt]sx?$/.test(base) || nodeOnly;
  if (marks.includes('use client')) return 'browser';
  const pkg = path.isAbsolute(filename) ? nearestPackage(path.dirname(filename)) : undefined;
  if (pkg?.clientModules && (CLIENT_MODULE.test(base) || folders.some((folder) => folder.endsWith('.client')))) return 'browser';
  if (TEST_SETUP_FILE.test(base)) return 'test infrastructure';
  if (folders.some((folder) => GIT_HOOK_FOLDERS.has(folder))) return 'script';
  if (imports.some((source) => TESTCONTAINERS.test(source))) return 'test infrastructure';
  if (imports.some((source) => CLI_IMPORTS.test(source))) return 'cli';
  if (pkg?.isCli) return 'cli';
  if (folders.some((folder) => COMMAND_FOLDERS.has(folder)) && defaultExportsFunction(sourceCode)) return 'cli';
  if (pkg && TEST_PACKAGE.test(pkg.name)) return 'test infrastructure';
  if (!serverMark) {
    if (folders.some((folder) => BROWSER_FOLDERS.has(folder)) || pkg?.browserOnly) return 'browser';
    if (imports.some((source) => UI_IMPORTS.test(source)) || /\.[jt]sx$/.test(base) || /^use[A-Z]/.test(base)) return 'browser';
  }
  if (sizedToTerminal(sourceCode)) return 'cli';
  return endsWithExit(sourceCode) ? 'script' : undefined;
}
