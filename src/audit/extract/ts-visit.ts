// Reading a TS/JS file of the audited project with the same ESTree AST and SourceCode an ESLint rule gets: a
// collector "rule" runs over the file, so the audit calls the helpers of src/rules/utils and src/sql (query calls,
// SQL in TS) exactly as the rules do. A collector runs inside the audit's one ESLint pass (./eslint.ts) on the files
// that pass lints, so each file is parsed once; on any other file, in ESLint's Linter on its own (visitScript).
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { lazyTsParser } from '../../configs.js';

export type Collector = (context: Context) => TSESLint.RuleListener;

/** Files above this size are not parsed (named in a Notice): minified bundles and generated code hold no schema. */
export const MAX_PARSED_SIZE = 1024 * 1024;

const TS_EXTENSION = /\.(?:[cm]?[jt]sx?)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

export function isScriptFile(file: string): boolean {
  return TS_EXTENSION.test(file) && !DECLARATION.test(file);
}

/** Globs of every script extension: a config object matching every file would not make ESLint lint a `.ts` file (a universal pattern alone matches nothing). */
const SCRIPT_GLOBS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

let linter: Linter | undefined;

/**
 * Runs `collector` over `text` (the file `file`). Returns undefined on success, or the parse error's message
 * (`line:column message`); never throws.
 */
export function visitScript(file: string, text: string, collector: Collector): string | undefined {
  linter ??= new Linter({ configType: 'flat' });
  const jsx = /x$/i.test(file);
  const config = [
    {
      files: SCRIPT_GLOBS,
      languageOptions: { parser: lazyTsParser, sourceType: 'module' as const, parserOptions: { ecmaFeatures: { jsx } } },
      plugins: { audit: { rules: { collect: { meta: { type: 'problem' as const, schema: [] }, create: collector } } } },
      rules: { 'audit/collect': 'error' as const },
    },
  ];
  try {
    const messages = linter.verify(text, config as unknown as Linter.Config[], { filename: file });
    const fatal = messages.find((message) => message.fatal);
    return fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

/** Several rule listeners as one: each handler of a key runs in order. */
export function mergeListeners(...listeners: TSESLint.RuleListener[]): TSESLint.RuleListener {
  const merged: Record<string, Array<(node: never) => void>> = {};
  for (const listener of listeners) {
    for (const [key, handler] of Object.entries(listener)) if (handler) (merged[key] ??= []).push(handler as (node: never) => void);
  }
  return Object.fromEntries(Object.entries(merged).map(([key, handlers]) => [key, (node: never) => handlers.forEach((handler) => handler(node))]));
}

/**
 * A collector the audit's one ESLint pass (./eslint.ts) runs on the files it wants, so that a file is parsed once.
 * `file` is the relative posix path; `text` the file's text as read from disk (a BOM put back).
 */
export interface PassCollector {
  wants(file: string, text: string): boolean;
  /** Listeners for one file; `context.filename` is the relative posix path, as in visitScript. */
  create(context: Context): TSESLint.RuleListener;
}

export type Context = Readonly<TSESLint.RuleContext<string, []>>;

export interface SharedVisitor<T> {
  /** What the ESLint pass runs. */
  readonly collector: PassCollector;
  /**
   * The collected facts of `file`: those of the ESLint pass when it visited the file completely, else those of a
   * visit now (visitScript: a file outside the lint targets, one the pass could not parse or that made a listener
   * throw). A string is the parse error. Never throws.
   */
  visit(file: string, text: string): T | { error: string };
  /** Did the ESLint pass collect this file's facts completely (so that visit does not parse it again)? */
  collectedInPass(file: string): boolean;
}

/**
 * One collector usable both inside the ESLint pass and on its own. `start` makes the empty facts of a file,
 * `collect` the listeners that fill them; the pass keeps a file's facts only when its traversal ended (Program:exit)
 * without a listener throwing, so a partial visit is never used.
 */
export function sharedVisitor<T>(options: { wants(file: string, text: string): boolean; start(): T; collect(context: Context, into: T): TSESLint.RuleListener }): SharedVisitor<T> {
  const done = new Map<string, T>();
  const collector: PassCollector = {
    wants: options.wants,
    create(context) {
      const file = context.filename;
      done.delete(file);
      const into = options.start();
      let failed = false;
      const guarded: Record<string, (node: never) => void> = {};
      for (const [key, handler] of Object.entries(options.collect(context, into))) {
        if (!handler) continue;
        guarded[key] = (node: never) => {
          if (failed) return;
          try {
            (handler as (node: never) => void)(node);
          } catch {
            failed = true;
          }
        };
      }
      return mergeListeners(guarded, {
        'Program:exit': () => {
          if (!failed) done.set(file, into);
        },
      });
    },
  };
  return {
    collector,
    collectedInPass: (file) => done.has(file),
    visit(file, text) {
      const collected = done.get(file);
      if (collected !== undefined) return collected;
      const into = options.start();
      const error = visitScript(file, text, (context) => options.collect(context, into));
      return error === undefined ? into : { error };
    },
  };
}
