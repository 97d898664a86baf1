// The project's HTTP endpoints with full paths composed across files, and how each validates its input.
//
// Each file is parsed once into the ESTree AST a rule sees (./estree.ts); the rules' fact functions say what is a
// route (collectRouteRegistrations) and what validates it (createRouteValidation). This file adds only what needs
// the whole project: router mounts and prefixes across imports (./routers.ts, ./compose.ts), NestJS bootstrap facts
// (global prefix, URI versioning, a global ValidationPipe), handlers defined in other files, and DTO classes in
// other files (ts-morph, ./dto-kinds.ts). Never throws: what it cannot read becomes a Notice.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { resolveImportPath } from '../../rules/utils/module-resolution.js';
import { nextRoutePath, remixRoutePath } from '../../rules/utils/route-handlers.js';
import { createRouteValidation, type RouteValidation, type RouteValidationOptions } from '../../rules/utils/route-validation.js';
import { TEST_FILE_GLOBS, folderMatcher } from '../../rules/utils/source-path.js';
import { composeEndpoints, type EndpointFact, type LoadedFile, type ProjectFiles } from './compose.js';
import { createDtoKinds } from './dto-kinds.js';
import { parseSource } from './estree.js';
import { cachedText, type ExtractInput } from './input.js';
import { analyseRouting, type NestBootstrap } from './routers.js';
import { createSlices, ruleOptionsOf } from './slices.js';
import type { PassCollector } from './ts-visit.js';

export type { EndpointFact };

export interface ProjectFacts {
  endpoints: EndpointFact[];
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
/**
 * Files that may register, mount or re-export routes: a route method called with a path (`.get('/`), `.route(`,
 * `.use(`, `.register(`, `basePath(`, a NestJS controller or bootstrap, a re-export, CommonJS exports. Other files
 * (most of a code base: `map.get(key)` is no route) are parsed only when a handler or router is followed into them.
 */
const RELEVANT = /\.(?:get|post|put|patch|delete|options|head|all|on)\s*(?:<[^()]*?>)?\s*\(\s*(?:['"`\[]|[A-Z_]+\b)|\.(?:route|use|register|basePath)\s*\(|@Controller|APP_PIPE|setGlobalPrefix|enableVersioning|useGlobalPipes|\bexport\s*(?:\*|\{[^}]*\}\s*from)|module\.exports|\bexports\./;
const MAX_BYTES = 2 * 1024 * 1024;
const PROBES = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const VALIDATION_OPTIONS = ['validatorMiddlewares', 'validationFunctions', 'checkParams', 'checkHeaders', 'checkIdParams', 'assumeGlobalValidationPipe'] as const;

const isTest = folderMatcher(TEST_FILE_GLOBS);

function isSource(file: string): boolean {
  return SOURCE.test(file) && !file.endsWith('.d.ts') && !isTest(file) && !file.split('/').includes('node_modules');
}

/** A file the inventory starts from: a file-based route module, or a file that may register, mount or re-export routes. */
function mayRoute(file: string, text: string): boolean {
  return isRouteModule(file) || RELEVANT.test(text);
}

/** The SourceCode of each file the inventory starts from, kept by the audit's ESLint pass (which parsed it anyway). */
export interface ParsedSources {
  collector: PassCollector;
  sourceCodes: Map<string, TSESLint.SourceCode>;
}

export function createParsedSources(): ParsedSources {
  const sourceCodes = new Map<string, TSESLint.SourceCode>();
  return {
    sourceCodes,
    collector: {
      wants: (file, text) => isSource(file) && mayRoute(file, text),
      create(context) {
        sourceCodes.delete(context.filename);
        // Kept when the traversal ends: ESLint has set every node's `parent` by then.
        return { 'Program:exit': () => void sourceCodes.set(context.filename, context.sourceCode) };
      },
    },
  };
}

/** `parsed`: files the audit's ESLint pass parsed already (any other file is parsed here). */
export async function extractProject(input: ExtractInput, parsed: ReadonlyMap<string, TSESLint.SourceCode> = new Map()): Promise<ProjectFacts> {
  const sources = input.files.filter(isSource);
  const known = new Set(sources);
  const texts = new Map<string, string>();
  await Promise.all(sources.map(async (file) => {
    const text = await readSource(input, file);
    if (text !== undefined) texts.set(file, text);
  }));

  const loaded = new Map<string, LoadedFile | null>();
  const validations = new Map<string, RouteValidation>();
  const load = (file: string): LoadedFile | undefined => {
    if (!loaded.has(file)) loaded.set(file, loadFile(input, file, texts.get(file), parsed.get(file)));
    return loaded.get(file) ?? undefined;
  };
  const toFile = (absolute: string): string | undefined => {
    const relative = path.relative(input.root, absolute).split(path.sep).join('/');
    return known.has(relative) ? relative : undefined;
  };
  const resolveModule = (specifier: string, importer: string): { file?: string; missing: boolean } => {
    const target = resolveImportPath(specifier, path.join(input.root, importer));
    if (target === undefined) return { missing: false };
    const stem = target.replace(/\.[cm]?[jt]sx?$/, '');
    for (const candidate of [target, ...PROBES.map((ext) => stem + ext), ...PROBES.map((ext) => path.join(target, `index${ext}`))]) {
      const file = toFile(candidate);
      if (file) return { file, missing: false };
    }
    return { missing: true };
  };

  const initial = sources.filter((file) => mayRoute(file, texts.get(file) ?? ''));
  const nest: NestBootstrap = {};
  for (const file of initial) {
    const routing = load(file)?.routing;
    if (routing) Object.assign(nest, definedOf(routing.nest));
  }

  const dtoKinds = createDtoKinds((specifier, importer) => {
    const file = resolveModule(specifier, path.relative(input.root, importer).split(path.sep).join('/')).file;
    return file === undefined ? undefined : path.join(input.root, file);
  });
  const ruleOptions = ruleOptionsOf(input.config, 'fortress/require-input-validation');
  const options: RouteValidationOptions = Object.fromEntries(VALIDATION_OPTIONS.filter((key) => key in ruleOptions).map((key) => [key, ruleOptions[key]]));
  if (nest.globalValidationPipe) options.assumeGlobalValidationPipe = true;

  const project: ProjectFiles = {
    load,
    resolveModule,
    notices: input.notices,
    nest,
    validationOf(file) {
      let validation = validations.get(file.file);
      if (!validation) {
        const typeKindOf = (name: string, reference: TSESTree.Identifier): 'class' | 'type' | undefined => {
          const variable = ASTUtils.findVariable(file.sourceCode.getScope(reference), name);
          const definition = variable?.defs[0];
          if (definition?.type !== 'ImportBinding' || definition.node.type !== 'ImportSpecifier') return undefined;
          const imported = definition.node.imported;
          const target = resolveModule((definition.parent as TSESTree.ImportDeclaration).source.value, file.file).file;
          return target === undefined ? undefined : dtoKinds.kindOf(path.join(input.root, target), imported.type === 'Identifier' ? imported.name : imported.value);
        };
        validation = createRouteValidation(file.sourceCode, { ...options, typeKindOf });
        validations.set(file.file, validation);
      }
      return validation;
    },
  };
  const slices = createSlices(input.root, input.config, input.files);
  try {
    return { endpoints: composeEndpoints(project, initial, (file) => slices.sliceOf(file)) };
  } catch (error) {
    input.notices.push({ file: null, message: `The endpoint inventory could not be built (${String(error)}).` });
    return { endpoints: [] };
  }
}

function isRouteModule(file: string): boolean {
  return remixRoutePath(file) !== undefined || (/(?:^|\/)route\.[cm]?[jt]sx?$/.test(file) && nextRoutePath(file) !== undefined);
}

async function readSource(input: ExtractInput, file: string): Promise<string | undefined> {
  const cached = cachedText(input, file, MAX_BYTES);
  if (cached !== undefined) return cached;
  const absolute = path.join(input.root, file);
  try {
    if ((await stat(absolute)).size > MAX_BYTES) {
      input.notices.push({ file, message: `Larger than ${MAX_BYTES / 1024 / 1024} MB: not searched for endpoints.` });
      return undefined;
    }
    return await readFile(absolute, 'utf8');
  } catch (error) {
    input.notices.push({ file, message: `Could not be read for the endpoint inventory (${(error as NodeJS.ErrnoException).code ?? String(error)}).` });
    return undefined;
  }
}

function loadFile(input: ExtractInput, file: string, text: string | undefined, sourceCode: TSESLint.SourceCode | undefined): LoadedFile | null {
  if (text === undefined) return null;
  const parsed = sourceCode ? { sourceCode } : parseSource(text, file);
  if ('error' in parsed) {
    input.notices.push({ file, message: `Syntax error at ${parsed.line}:${parsed.column} (${parsed.error}); its endpoints are not listed.` });
    return null;
  }
  try {
    return { file, sourceCode: parsed.sourceCode, routing: analyseRouting(parsed.sourceCode, file, file) };
  } catch (error) {
    input.notices.push({ file, message: `Could not be analysed for endpoints (${String(error)}).` });
    return null;
  }
}

function definedOf(nest: NestBootstrap): NestBootstrap {
  return Object.fromEntries(Object.entries(nest).filter(([, value]) => value !== undefined));
}
