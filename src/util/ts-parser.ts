import { createRequire } from 'node:module';

export type TsParser = typeof import('@typescript-eslint/parser');

let loadedParser: TsParser | undefined;

/** `@typescript-eslint/parser` (CommonJS), required on first use: it loads the TypeScript compiler (~0.5 s). */
export function tsParser(): TsParser {
  loadedParser ??= createRequire(import.meta.url)('@typescript-eslint/parser') as TsParser;
  return loadedParser;
}

export type TsEstree = typeof import('@typescript-eslint/typescript-estree');

let loadedEstree: TsEstree | undefined;

/**
 * `@typescript-eslint/typescript-estree` (the parser's own ESTree converter), required on first use. Its `parse` gives
 * the same tree as the parser's `parse` without the scope analysis that `@typescript-eslint/parser` always runs: for
 * code that only reads the tree (extracting SQL from a migration), about a third of the parse.
 */
export function tsEstree(): TsEstree {
  loadedEstree ??= createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as TsEstree;
  return loadedEstree;
}
