// Does `XCommand.create({ field: value })` validate `value`? A command/DTO class whose static factory runs
// class-validator on the instance it builds (`validateSync(plainToInstance(this, data))`, `validate`, `validateOrReject`,
// a schema's `parse`) validates each field it declares with a class-validator decorator. The rule lints one file, so
// the class is found by following imports the way the project's tsconfig does (./module-resolution.ts), barrel files
// (`export * from`, `export { A } from`, `import { A } …; export { A }`) and workspace packages of a pnpm / npm / yarn
// monorepo (`@scope/lib` → `<package>/src/index.ts`), up the `extends` chain.
//
//   counts          a field declared in the class or a base with a class-validator decorator (`@IsString()`,
//                   `@ValidateNested()`, `@Max(100)`), when some class of the chain has the static method called and
//                   that method calls a validator
//   does not count  a field typed `any` / `unknown` / `object` / `Record<…>` whose only decorators check presence
//                   (`@IsDefined() body: any`: anything passes); a field without a decorator; a factory that does not
//                   validate; a class the resolution cannot reach (a published package, a missing file)
//
// Files are parsed once per process and re-read when their mtime or size changes; never throws.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { tsParser } from '../../util/ts-parser.js';
import { resolveImportPath } from './module-resolution.js';

/** Calls in a static factory that validate the instance it builds. */
const VALIDATING_CALLS = new Set(['validateSync', 'validate', 'validateOrReject', 'transformAndValidate', 'transformAndValidateSync', 'parse', 'safeParse']);
/** class-validator decorators that only check presence: on an `any` field they let anything through. */
const PRESENCE_ONLY = new Set(['IsDefined', 'IsNotEmpty', 'IsOptional', 'Allow', 'ValidateIf']);
const SOURCE_SUFFIXES = ['.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx', '.js', '/index.js'];
const ENTRY_FILES = ['src/index.ts', 'index.ts', 'src/index.tsx', 'lib/index.ts'];
const MAX_DEPTH = 8;

interface ParsedFile {
  signature: string;
  program: TSESTree.Program | undefined;
}

interface FoundClass {
  node: TSESTree.ClassDeclaration;
  program: TSESTree.Program;
  file: string;
}

const parsedFiles = new Map<string, ParsedFile>();
const workspaces = new Map<string, Map<string, string> | undefined>();

function signatureOf(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
  } catch {
    return undefined;
  }
}

/** The program of a file, parsed once per (mtime, size); undefined when missing or not parseable. */
function programOf(file: string): TSESTree.Program | undefined {
  const signature = signatureOf(file);
  if (signature === undefined) return undefined;
  const known = parsedFiles.get(file);
  if (known?.signature === signature) return known.program;
  let program: TSESTree.Program | undefined;
  try {
    const text = readFileSync(file, 'utf8');
    program = tsParser().parse(text, { range: true, loc: false, jsx: file.endsWith('x'), comment: false, filePath: file }) as TSESTree.Program;
  } catch {
    program = undefined;
  }
  parsedFiles.set(file, { signature, program });
  return program;
}

function existingSource(base: string): string | undefined {
  if (/\.[cm]?tsx?$/.test(base) && signatureOf(base)) return base;
  const stripped = base.replace(/\.[cm]?js$/, '');
  for (const suffix of SOURCE_SUFFIXES) {
    if (signatureOf(stripped + suffix)) return stripped + suffix;
  }
  return undefined;
}

/** Workspace package name → folder, for the monorepo holding `folder` (pnpm-workspace.yaml or `workspaces`). */
function workspacePackages(folder: string): Map<string, string> | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    if (workspaces.has(current)) return workspaces.get(current);
    const isRoot = signatureOf(path.join(current, 'pnpm-workspace.yaml')) !== undefined || hasWorkspacesField(path.join(current, 'package.json'));
    if (isRoot) {
      const packages = listPackages(current);
      workspaces.set(current, packages);
      return packages;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function hasWorkspacesField(file: string): boolean {
  try {
    return 'workspaces' in (JSON.parse(readFileSync(file, 'utf8')) as object);
  } catch {
    return false;
  }
}

/** package.json names of the folders one and two levels below the root (`packages/*`, `apps/*`, `libs/*`). */
function listPackages(root: string): Map<string, string> {
  const packages = new Map<string, string>();
  const folders = (parent: string): string[] => {
    try {
      return readdirSync(parent, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        .map((entry) => path.join(parent, entry.name));
    } catch {
      return [];
    }
  };
  for (const group of folders(root)) {
    for (const folder of [group, ...folders(group)]) {
      try {
        const name = (JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string' && !packages.has(name)) packages.set(name, folder);
      } catch {
        // not a package folder
      }
    }
  }
  return packages;
}

/** The source file an import specifier names: project paths and aliases, then workspace packages. */
function resolveSource(specifier: string, importer: string): string | undefined {
  const resolved = resolveImportPath(specifier, importer);
  if (resolved) return existingSource(resolved);
  const match = /^((?:@[^/]+\/)?[^/@][^/]*)(?:\/(.*))?$/.exec(specifier);
  if (!match) return undefined;
  const folder = match[1] ? workspacePackages(path.dirname(importer))?.get(match[1]) : undefined;
  if (!folder) return undefined;
  if (match[2]) return existingSource(path.join(folder, 'src', match[2])) ?? existingSource(path.join(folder, match[2]));
  return ENTRY_FILES.map((entry) => path.join(folder, entry)).find((file) => signatureOf(file) !== undefined);
}

function importedName(specifier: TSESTree.ImportClause): string | undefined {
  if (specifier.type === 'ImportSpecifier') return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
  return specifier.type === 'ImportDefaultSpecifier' ? 'default' : undefined;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** The class a name denotes in `program` (declared there, or imported): follows imports and re-exports. */
function classInScope(program: TSESTree.Program, file: string, name: string, depth: number, seen: Set<string>): FoundClass | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'ClassDeclaration' && declaration.id?.name === name) return { node: declaration, program, file };
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.name !== name) continue;
      const imported = importedName(specifier);
      const target = imported ? resolveSource(statement.source.value, file) : undefined;
      return target && imported ? exportedClass(target, imported, depth + 1, seen) : undefined;
    }
  }
  return undefined;
}

/** The class a module exports under `name`, through barrels. */
function exportedClass(file: string, name: string, depth: number, seen: Set<string>): FoundClass | undefined {
  const key = `${file}\0${name}`;
  if (depth > MAX_DEPTH || seen.has(key)) return undefined;
  seen.add(key);
  const program = programOf(file);
  if (!program) return undefined;
  const stars: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default') {
      const declaration = statement.declaration;
      if (declaration.type === 'ClassDeclaration') return { node: declaration, program, file };
      if (declaration.type === 'Identifier') return classInScope(program, file, declaration.name, depth + 1, seen);
    }
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'ClassDeclaration' && declaration.id?.name === name) return { node: declaration, program, file };
      for (const specifier of statement.specifiers) {
        if (nameOf(specifier.exported) !== name) continue;
        const local = nameOf(specifier.local);
        if (!statement.source) return classInScope(program, file, local, depth + 1, seen);
        const target = resolveSource(statement.source.value, file);
        return target ? exportedClass(target, local, depth + 1, seen) : undefined;
      }
    }
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) stars.push(statement.source.value);
  }
  for (const source of stars) {
    const target = resolveSource(source, file);
    const found = target ? exportedClass(target, name, depth + 1, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

function calledName(callee: TSESTree.Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** Does the subtree call a validator? A walk over at most 5,000 nodes with an explicit stack (bodies nest without end). */
function callsValidator(root: unknown): boolean {
  const stack: unknown[] = [root];
  for (let budget = 5_000; stack.length > 0 && budget > 0; budget--) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const record = node as Record<string, unknown> & { type?: string };
    if (record.type === 'CallExpression' && VALIDATING_CALLS.has(calledName((record as unknown as TSESTree.CallExpression).callee) ?? '')) return true;
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'parent' && key !== 'loc' && key !== 'range' && typeof child === 'object') stack.push(child);
    }
  }
  return false;
}

function decoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expression = decorator.expression;
  return calledName(expression.type === 'CallExpression' ? expression.callee : expression);
}

function keyName(key: TSESTree.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** Does the field declaration validate what it receives? */
function validatesField(property: TSESTree.PropertyDefinition): boolean {
  const names = property.decorators.map(decoratorName).filter((name): name is string => name !== undefined);
  // @IsOptional() / @IsDefined() alone check presence, not the value: `@IsOptional() ids?: string[]` takes anything
  return names.some((name) => !PRESENCE_ONLY.has(name));
}

/**
 * Does `ClassName.method({ field: value })`, seen from `file` (whose parsed program is `program`), validate the value
 * of `field`? True when the class chain declares the field with a validating decorator and has a static `method`
 * that calls a validator. Never throws.
 */
export function selfValidatingField(program: TSESTree.Program, file: string, className: string, method: string, field: string): boolean {
  try {
    let found = classInScope(program, file, className, 0, new Set());
    // the nearest declaration of each wins: a subclass's own field or factory overrides its base's
    let fieldValidated: boolean | undefined;
    let factoryValidates: boolean | undefined;
    for (let depth = 0; found && depth <= MAX_DEPTH && (fieldValidated === undefined || factoryValidates === undefined); depth++) {
      for (const member of found.node.body.body) {
        if (member.type === 'PropertyDefinition' && !member.static && keyName(member.key) === field) fieldValidated ??= validatesField(member);
        if (member.type === 'MethodDefinition' && member.static && keyName(member.key) === method) factoryValidates ??= callsValidator(member.value.body);
      }
      const base = found.node.superClass;
      found = base?.type === 'Identifier' ? classInScope(found.program, found.file, base.name, 0, new Set()) : undefined;
    }
    return fieldValidated === true && factoryValidates === true;
  } catch {
    return false;
  }
}
