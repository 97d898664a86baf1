// Does a file run as server runtime? A file that is browser code, a command-line tool, test infrastructure or a
// one-shot script is not, whatever folder it is in. The facts, cheapest first:
//
//   browser        a `'use client'` directive; a React / Preact / Vue / Solid component or hook (imports one of them
//                  or contains JSX); a `frontend/`, `client/` or `web/` folder below the working directory; a package
//                  whose package.json depends on a browser framework and on no server framework; a `useX.ts` hook
//                  file. A file with a server mark (`'use server'`, `.server.` in its name, a `server/` folder,
//                  Next.js `app/api/` / `pages/api/`, a `route.ts`) stays server code.
//   cli            a shebang (`#!/usr/bin/env node`), an import of a prompt or argument-parser library (inquirer,
//                  prompts, commander, yargs, …), or a package.json with a `bin` (and no server framework among
//                  its dependencies, or `cli` in its name)
//   test infra     test setup files (`test-setup`, `setupTests`, `global-setup`, `*.setup.ts`), `*-dev` launchers,
//                  imports of `testcontainers`, packages named `*test-utils*` / `*testing*` / `*testcontainers*`
//   script         a file under `.husky/`, `.githooks/`, `.github/`; a `process.exit()` / `process.exit(0)` outside an event handler: the file runs once and ends
//
// The nearest package.json above a file is read once per folder per process.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { toPosix } from './source-path.js';

export type NotServerReason = 'browser' | 'cli' | 'test infrastructure' | 'script';

interface PackageFacts {
  name: string;
  /** A `bin`, in a package that is a CLI: no server framework among its dependencies, or `cli` in its name. */
  isCli: boolean;
  browserOnly: boolean;
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

const packageOfFolder = new Map<string, PackageFacts | undefined>();

function readPackage(file: string): PackageFacts | undefined {
  let json: { name?: unknown; bin?: unknown; dependencies?: unknown; devDependencies?: unknown; peerDependencies?: unknown };
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
  return {
    name: typeof json.name === 'string' ? json.name : '',
    isCli:
      ((typeof json.bin === 'string' && json.bin !== '') || (!!json.bin && typeof json.bin === 'object' && Object.keys(json.bin).length > 0)) &&
      (/(?:^|[-/@])cli(?:$|[-/])/.test(typeof json.name === 'string' ? json.name : '') || !SERVER_FRAMEWORKS.some((name) => deps.has(name))),
    browserOnly: BROWSER_FRAMEWORKS.some((name) => runtime.has(name) || deps.has(name)) && !SERVER_FRAMEWORKS.some((name) => deps.has(name)),
  };
}

/** The facts of the nearest package.json above `folder` (cached per folder); undefined when there is none. */
function nearestPackage(folder: string): PackageFacts | undefined {
  const visited: string[] = [];
  let found: PackageFacts | undefined;
  for (let current = folder; ; current = path.dirname(current)) {
    if (packageOfFolder.has(current)) {
      found = packageOfFolder.get(current);
      break;
    }
    visited.push(current);
    const facts = readPackage(path.join(current, 'package.json'));
    if (facts) {
      found = facts;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  for (const folder of visited) packageOfFolder.set(folder, found);
  return found;
}

function directives(program: TSESTree.Program): string[] {
  const found: string[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'Literal' || typeof statement.expression.value !== 'string') break;
    found.push(statement.expression.value);
  }
  return found;
}

/** `process.exit()` / `process.exit(0)` outside an event handler (`process.on('SIGTERM', …)` is a server's shutdown). */
function endsWithExit(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!/\bprocess\.exit\(/.test(sourceCode.text)) return false;
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isSuccessfulExit(node) && !inEventHandler(node)) return true;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
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
  if (TEST_SETUP_FILE.test(base)) return 'test infrastructure';
  if (folders.some((folder) => GIT_HOOK_FOLDERS.has(folder))) return 'script';
  if (imports.some((source) => TESTCONTAINERS.test(source))) return 'test infrastructure';
  if (imports.some((source) => CLI_IMPORTS.test(source))) return 'cli';
  const pkg = path.isAbsolute(filename) ? nearestPackage(path.dirname(filename)) : undefined;
  if (pkg?.isCli) return 'cli';
  if (pkg && TEST_PACKAGE.test(pkg.name)) return 'test infrastructure';
  if (!serverMark) {
    if (folders.some((folder) => BROWSER_FOLDERS.has(folder)) || pkg?.browserOnly) return 'browser';
    if (imports.some((source) => UI_IMPORTS.test(source)) || /\.[jt]sx$/.test(base) || /^use[A-Z]/.test(base)) return 'browser';
  }
  return endsWithExit(sourceCode) ? 'script' : undefined;
}
