import { createRequire } from 'node:module';

export type TsParser = typeof import('@typescript-eslint/parser');

let loadedParser: TsParser | undefined;

/** `@typescript-eslint/parser` (CommonJS), required on first use: it loads the TypeScript compiler (~0.5 s). */
export function tsParser(): TsParser {
  loadedParser ??= createRequire(import.meta.url)('@typescript-eslint/parser') as TsParser;
  return loadedParser;
}
