// The module graph of the project's feature slices: dependency-cruiser's API resolves every import of the source
// (tsconfig `paths` honoured through its tsConfig option), and the slices are those of the no-cross-module-imports
// rule (./slices.ts: the rule's moduleRoots / sharedPaths). Cycles are found between modules, not files.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { IModule } from 'dependency-cruiser';

import { TEST_FILE_GLOBS, folderMatcher } from '../../rules/utils/source-path.js';
import type { ModuleNode } from '../types.js';
import type { ExtractInput } from './input.js';
import { createSlices } from './slices.js';

export interface ModuleImport {
  from: string;
  to: string;
  /** The importing file and the line of the import. */
  file: string;
  line: number;
  /** The import as written (`@features/billing`). */
  specifier: string;
}

export interface ModuleGraphFacts {
  modules: ModuleNode[];
  crossModuleImports: ModuleImport[];
  /** Each cycle as the module names in order, the first repeated at the end. */
  cycles: string[][];
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

export async function extractModuleGraph(input: ExtractInput): Promise<ModuleGraphFacts> {
  const isTest = folderMatcher(TEST_FILE_GLOBS);
  const sources = input.files.filter((file) => SOURCE.test(file) && !file.endsWith('.d.ts') && !isTest(file) && !file.split('/').includes('node_modules'));
  const slices = createSlices(input.root, input.config, input.files);
  const inSlices = sources.filter((file) => slices.sliceOf(file) !== null);
  const names = new Set(inSlices.map((file) => slices.sliceOf(file)!));
  if (inSlices.length === 0) return { modules: [], crossModuleImports: [], cycles: [] };

  const cruised = await cruiseFiles(input, inSlices);
  const crossModuleImports: ModuleImport[] = [];
  for (const module of cruised) {
    const from = slices.sliceOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      if (dependency.couldNotResolve || dependency.coreModule || dependency.resolved.split('/').includes('node_modules')) continue;
      const to = slices.sliceOf(dependency.resolved);
      if (!to || to === from) continue;
      crossModuleImports.push({ from, to, file: module.source, line: await lineOf(input, module.source, dependency.module), specifier: dependency.module });
    }
  }
  crossModuleImports.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.to, b.to));
  const edges = new Map<string, Set<string>>([...names].map((name) => [name, new Set<string>()]));
  for (const { from, to } of crossModuleImports) edges.set(from, (edges.get(from) ?? new Set()).add(to));
  const modules = [...edges.keys()].sort().map((name) => ({ name, dependsOn: [...edges.get(name)!].sort() }));
  return { modules, crossModuleImports, cycles: cyclesOf(modules) };
}

async function cruiseFiles(input: ExtractInput, files: string[]): Promise<IModule[]> {
  const tsconfig = path.join(input.root, 'tsconfig.json');
  const hasTsconfig = existsSync(tsconfig);
  try {
    const { cruise } = await import('dependency-cruiser');
    let tsConfig: unknown;
    if (hasTsconfig) {
      try {
        const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
        tsConfig = extractTSConfig(tsconfig);
      } catch (error) {
        input.notices.push({ file: 'tsconfig.json', message: `Not usable for the module graph (${firstLine(error)}); path aliases are not resolved.` });
      }
    }
    const result = await cruise(
      files,
      {
        baseDir: input.root,
        doNotFollow: { path: 'node_modules' },
        tsPreCompilationDeps: true,
        // No rule set: without this, dependency-cruiser derives every module's dependents (quadratic: ~1.5 s of
        // 4,000 files), its cycles and orphans, none of which the audit reads (it finds cycles between modules itself).
        skipAnalysisNotInRules: true,
        ...(tsConfig ? { tsConfig: { fileName: tsconfig } } : {}),
      },
      undefined,
      tsConfig ? { tsConfig } : undefined,
    );
    const output = result.output;
    return typeof output === 'string' ? [] : output.modules.filter((module) => files.includes(module.source));
  } catch (error) {
    input.notices.push({ file: null, message: `The module graph could not be built (${firstLine(error)}).` });
    return [];
  }
}

/** The line of the first import of `specifier` in the file (dependency-cruiser gives no lines); 1 when not found. */
async function lineOf(input: ExtractInput, file: string, specifier: string): Promise<number> {
  try {
    const lines = (input.texts?.get(file) ?? (await readFile(path.join(input.root, file), 'utf8'))).split('\n');
    const index = lines.findIndex((line) => line.includes(`'${specifier}'`) || line.includes(`"${specifier}"`) || line.includes(`\`${specifier}\``));
    return index + 1 || 1;
  } catch {
    return 1;
  }
}

/** One cycle per strongly connected group of modules (Tarjan), read from its smallest name. */
export function cyclesOf(modules: readonly ModuleNode[]): string[][] {
  const edges = new Map(modules.map((module) => [module.name, module.dependsOn]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (name: string): void => {
    index.set(name, index.size);
    low.set(name, index.get(name)!);
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(name, Math.min(low.get(name)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(name, Math.min(low.get(name)!, index.get(next)!));
      }
    }
    if (low.get(name) === index.get(name)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== name);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const name of [...edges.keys()].sort()) if (!index.has(name)) visit(name);
  return groups.map((group) => cycleThrough(group, edges)).sort((a, b) => cmp(a.join(), b.join()));
}

/** A shortest way around a group, from its smallest module back to it. */
function cycleThrough(group: string[], edges: Map<string, readonly string[]>): string[] {
  const members = new Set(group);
  const start = [...group].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of [...(edges.get(current) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [current];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
