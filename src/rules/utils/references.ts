// Scope-aware tracking of imports, `require()` calls and globals: a small wrapper over typescript-eslint's
// `ASTUtils.ReferenceTracker` (from @eslint-community/eslint-utils).
//
// Why a wrapper: the tracker only sees globals that the configuration declares (`languageOptions.globals`), and
// most TypeScript projects declare none (`console`, `crypto`, `require` are then unresolved references). Here an
// unresolved reference counts as the global, unless the program assigns to that name. A local variable, parameter
// or import of the same name shadows the global, as it does at run time.
//
// Usage (in a `Program` listener or later):
//   const found = findReferences(context.sourceCode, {
//     modules: { uuid: { [ESM]: true, v4: { [CALL]: 'v4' }, default: { v4: { [CALL]: 'v4' } } } },
//     globals: { crypto: { randomUUID: { [CALL]: 'randomUUID' } } },
//   });
//   // found: [{ node, path: ['uuid', 'v4'], type: CALL, info: 'v4' }, …] in source order.
//
// Trace-map keys are module specifiers (`modules`, matched in ESM imports/exports and in `require('…')` calls) or
// global names (`globals`, also reached through `globalThis.`, `global.`, `self.`, `window.`), then property names.
// Mark the node you want with `[READ]` (the reference itself), `[CALL]` (a call of it) or `[CONSTRUCT]` (`new`).
// In `modules`, set `[ESM]: true` on a module whose named imports are its exports (and add `default` yourself
// for the default import); otherwise an ESM import binds the whole trace map to the default export (CommonJS).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

const { ReferenceTracker } = ASTUtils;

export const READ = ReferenceTracker.READ;
export const CALL = ReferenceTracker.CALL;
export const CONSTRUCT = ReferenceTracker.CONSTRUCT;
export const ESM = ReferenceTracker.ESM;

/** Names (module specifiers, globals, properties) to follow; `[READ]` / `[CALL]` / `[CONSTRUCT]` mark what to find. */
export interface TraceMap<T> {
  [name: string]: TraceMap<T>;
  [READ]?: T;
  [CALL]?: T;
  [CONSTRUCT]?: T;
  /** On a module: its named imports are its exports (not CommonJS interop). */
  [ESM]?: boolean;
}

/** One reference found: the node (an Identifier, MemberExpression, CallExpression, Property, …), its path and info. */
export interface FoundReference<T> {
  node: TSESTree.Node;
  /** Module specifier or global name, then property names: `['uuid', 'v4']`, `['console', 'log']`. */
  path: readonly string[];
  /** `READ`, `CALL` or `CONSTRUCT`. */
  type: symbol;
  info: T;
}

export interface TraceMaps<T> {
  /** Module specifiers → exports (ESM `import`, `export … from`, and `require('…')`). */
  modules?: TraceMap<T>;
  /** Global names → properties. */
  globals?: TraceMap<T>;
}

const GLOBAL_OBJECT_NAMES = ['global', 'globalThis', 'self', 'window'];

/** The runtime tracker also has `iteratePropertyReferences`, missing from the published typings. */
interface Tracker {
  iterateGlobalReferences<U>(traceMap: TraceMap<U>): IterableIterator<FoundReference<U>>;
  iterateEsmReferences<U>(traceMap: TraceMap<U>): IterableIterator<FoundReference<U>>;
  iteratePropertyReferences<U>(node: TSESTree.Node, traceMap: TraceMap<U>): IterableIterator<FoundReference<U>>;
}

/**
 * Every reference that `traceMaps` describes, in source order, each node and type once. Never throws on partial code:
 * `require()` without a constant string argument, computed members and unknown names are skipped.
 */
export function findReferences<T>(
  sourceCode: Readonly<TSESLint.SourceCode>,
  traceMaps: TraceMaps<T>,
): FoundReference<T>[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const tracker = new ReferenceTracker(globalScope) as unknown as Tracker;
  const found: FoundReference<T>[] = [];
  if (traceMaps.globals) found.push(...iterateGlobals(globalScope, tracker, traceMaps.globals));
  if (traceMaps.modules) {
    found.push(...tracker.iterateEsmReferences(traceMaps.modules));
    found.push(...iterateRequires(globalScope, tracker, traceMaps.modules));
  }
  const seen = new Set<string>();
  return found
    .filter((reference) => {
      const key = `${reference.node.range[0]}:${reference.node.range[1]}:${reference.node.type}:${String(reference.type)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.node.range[0] - b.node.range[0] || a.node.range[1] - b.node.range[1]);
}

/** Declared globals through the tracker, plus undeclared (unresolved) ones that the program never assigns. */
function* iterateGlobals<T>(
  globalScope: TSESLint.Scope.Scope,
  tracker: Tracker,
  traceMap: TraceMap<T>,
): Generator<FoundReference<T>> {
  yield* tracker.iterateGlobalReferences(traceMap);
  const unresolved = new Map<string, TSESLint.Scope.Reference[]>();
  for (const reference of globalScope.through) {
    const name = reference.identifier.type === 'Identifier' ? reference.identifier.name : undefined;
    if (name === undefined || globalScope.set.has(name)) continue;
    unresolved.set(name, [...(unresolved.get(name) ?? []), reference]);
  }
  for (const [name, references] of unresolved) {
    if (references.some((reference) => reference.isWrite())) continue;
    const isGlobalObject = GLOBAL_OBJECT_NAMES.includes(name);
    if (!Object.hasOwn(traceMap, name) && !isGlobalObject) continue;
    for (const reference of references) {
      const node = reference.identifier;
      if (Object.hasOwn(traceMap, name)) {
        const next = traceMap[name]!;
        if (next[READ] !== undefined) yield { node, path: [name], type: READ, info: next[READ] as T };
        for (const found of tracker.iteratePropertyReferences(node, next)) {
          yield { ...found, path: [name, ...found.path] };
        }
      }
      if (isGlobalObject) yield* tracker.iteratePropertyReferences(node, traceMap);
    }
  }
}

/** `require('<module>')` calls of the global `require` (declared or not), then their properties. */
function* iterateRequires<T>(
  globalScope: TSESLint.Scope.Scope,
  tracker: Tracker,
  traceMap: TraceMap<T>,
): Generator<FoundReference<T>> {
  for (const { node } of iterateGlobals(globalScope, tracker, { require: { [CALL]: true } })) {
    if (node.type !== 'CallExpression') continue;
    const argument = node.arguments[0];
    if (!argument || argument.type === 'SpreadElement') continue;
    const specifier = ASTUtils.getStringIfConstant(argument);
    if (specifier === null || !Object.hasOwn(traceMap, specifier)) continue;
    const next = traceMap[specifier]!;
    if (next[READ] !== undefined) yield { node, path: [specifier], type: READ, info: next[READ] as T };
    for (const found of tracker.iteratePropertyReferences(node, next)) {
      yield { ...found, path: [specifier, ...found.path] };
    }
  }
}
