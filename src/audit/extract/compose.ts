// Endpoints with their full paths: routers joined across files along their mounts (Express `use`, Fastify
// `register`, Hono `route` / `basePath`), NestJS global prefix and URI versions, file-based routes as they are; and
// each endpoint's validation, following a handler into the file that defines it. Loops between routers that mount
// each other end in a Notice; every other endpoint is still listed.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, RouteFramework, RouteHandler } from '../../rules/utils/route-handlers.js';
import type { RouteValidation } from '../../rules/utils/route-validation.js';
import type { Endpoint, Notice } from '../types.js';
import { versionsOf, type FileRouting, type Mount, type NestBootstrap, type OwnedRoute, type Ref } from './routers.js';

export interface EndpointFact extends Endpoint {
  /** What validates the endpoint's input (`middleware validate(loginSchema)`, `ValidationPipe (global) + CreateUserDto`), or null. */
  validatedBy: string | null;
  column: number;
  framework: RouteFramework;
  /** The first input read that nothing validates, where the rule reports it (the handler's file). */
  unvalidatedInput?: { label: string; file: string; line: number; column: number };
  /** False when the handler could not be followed (a package, a factory): its validation is unknown. */
  handlerFound: boolean;
}

export interface LoadedFile {
  file: string;
  sourceCode: TSESLint.SourceCode;
  routing: FileRouting;
}

export interface ProjectFiles {
  /** The parsed file (once), or undefined when it can't be read or parsed (a notice says so). */
  load(file: string): LoadedFile | undefined;
  /** A module specifier seen from `importer`: a project file, nothing (a package), or `missing` (a path that is not there). */
  resolveModule(specifier: string, importer: string): { file?: string; missing: boolean };
  validationOf(file: LoadedFile): RouteValidation;
  nest: NestBootstrap;
  notices: Notice[];
}

type Resolved = { kind: 'local'; key: string; node: TSESTree.Node; file: LoadedFile } | { kind: 'missing'; reason: string } | { kind: 'none' };

interface Edge {
  child: string;
  prefix: string;
}

const MAX_ENDPOINTS = 100_000;

export function composeEndpoints(project: ProjectFiles, files: readonly string[], sliceOf: (file: string) => string | null): EndpointFact[] {
  const endpoints: EndpointFact[] = [];
  const routesByKey = new Map<string, { file: LoadedFile; owned: OwnedRoute }[]>();
  const edges = new Map<string, Edge[]>();
  const mounted = new Set<string>();
  const basePaths = new Map<string, string>();
  const noticed = new Set<string>();
  const notice = (file: string, message: string): void => {
    if (noticed.has(`${file}\0${message}`)) return;
    noticed.add(`${file}\0${message}`);
    project.notices.push({ file, message });
  };

  function resolve(ref: Ref, from: LoadedFile, depth = 0): Resolved {
    if (ref.kind === 'local') return { kind: 'local', key: ref.key, node: ref.node, file: from };
    if (ref.kind === 'unknown' || depth > 10) return { kind: 'none' };
    const target = project.resolveModule(ref.specifier, from.file);
    if (!target.file) return target.missing ? { kind: 'missing', reason: `'${ref.specifier}' does not resolve to a file of the project` } : { kind: 'none' };
    const loaded = project.load(target.file);
    if (!loaded) return { kind: 'none' };
    // A whole module used as a value (`require('./x')`, `register(import('./x'))`): its default export / module.exports.
    const name = ref.name === '*' ? 'default' : ref.name;
    const exported = loaded.routing.exports.get(name);
    if (exported) return resolve(exported, loaded, depth + 1);
    for (const specifier of loaded.routing.starExports) {
      const found = resolve({ kind: 'import', specifier, name, node: ref.node }, loaded, depth + 1);
      if (found.kind === 'local') return found;
    }
    return ref.name === '*' ? { kind: 'none' } : { kind: 'missing', reason: `'${name}' is not exported by ${target.file}` };
  }

  function addMount(file: LoadedFile, mount: Mount): void {
    const parent = resolve(mount.parent, file);
    const child = resolve(mount.child, file);
    if (child.kind === 'missing' && mount.routerPosition) {
      notice(file.file, `Line ${mount.node.loc.start.line}: the router mounted at '${mount.prefix || '/'}' can't be followed (${child.reason}); its endpoints are not listed.`);
    }
    if (parent.kind !== 'local' || child.kind !== 'local') return;
    edges.set(parent.key, [...(edges.get(parent.key) ?? []), { child: child.key, prefix: mount.prefix }]);
    mounted.add(child.key);
  }

  for (const name of files) {
    const file = project.load(name);
    if (!file) continue;
    for (const [key, prefix] of file.routing.basePaths) basePaths.set(key, prefix);
    for (const mount of file.routing.mounts) addMount(file, mount);
    for (const owned of file.routing.routes) {
      const framework = owned.registration.framework;
      if (framework === 'nestjs' || framework === 'web' || framework === 'remix') {
        emit(file, owned, fileRoutePaths(owned, project.nest));
        continue;
      }
      const owner = resolve(owned.owner, file);
      const key = owner.kind === 'local' ? owner.key : `${file.file}#unknown`;
      if (owned.registration.handler || owner.kind === 'local') routesByKey.set(key, [...(routesByKey.get(key) ?? []), { file, owned }]);
    }
  }

  // Registrations whose handler lives elsewhere count only on a router: one made by a router factory, mounted,
  // mounting others, or holding a route with a handler of its own (not `axios.get('/x', config)`).
  // A loop of mounts is worth a notice only when a real router is in it (made by a router factory, or holding a route
  // with a handler): `walk(child)` inside `walk` is recursion, not a router mounting itself (`mountAdmin(app)` heuristic).
  const realRouters = new Set<string>();
  for (const name of files) for (const key of project.load(name)?.routing.routerKeys ?? []) realRouters.add(key);
  for (const [key, routes] of routesByKey) if (routes.some(({ owned }) => owned.registration.handler)) realRouters.add(key);
  const routerKeys = new Set([...mounted, ...edges.keys(), ...basePaths.keys(), ...realRouters]);

  const visited = new Set<string>();
  const walk = (key: string, prefix: string, trail: string[]): void => {
    if (endpoints.length >= MAX_ENDPOINTS) return;
    visited.add(key);
    for (const { file, owned } of routesByKey.get(key) ?? []) {
      if (owned.registration.handler || routerKeys.has(key)) emit(file, owned, [joinPath(prefix, owned.registration.path ?? '<dynamic>')]);
    }
    for (const edge of edges.get(key) ?? []) {
      if (trail.includes(edge.child)) {
        // One notice per loop, however it is entered: the loop read from its smallest key.
        const loop = trail.slice(trail.indexOf(edge.child));
        if (!loop.some((member) => realRouters.has(member))) continue;
        const first = loop.indexOf([...loop].sort()[0]!);
        const rotated = [...loop.slice(first), ...loop.slice(0, first)];
        notice(describeKey(rotated[0]!), `Routers mount each other in a loop (${[...rotated, rotated[0]!].map(describeKey).join(' → ')}); the loop is followed once.`);
        continue;
      }
      walk(edge.child, joinPath(prefix, edge.prefix, basePaths.get(edge.child) ?? ''), [...trail, edge.child]);
    }
  };
  const roots = [...new Set([...routesByKey.keys(), ...edges.keys()])].filter((key) => !mounted.has(key)).sort();
  for (const key of roots) walk(key, joinPath(basePaths.get(key) ?? ''), [key]);
  // Routers reachable only through a loop of mounts have no root: start from each of them.
  for (const key of [...routesByKey.keys()].sort()) if (!visited.has(key)) walk(key, joinPath(basePaths.get(key) ?? ''), [key]);
  if (endpoints.length >= MAX_ENDPOINTS) notice('', `More than ${MAX_ENDPOINTS} endpoints composed; the list is cut there.`);

  function emit(file: LoadedFile, owned: OwnedRoute, paths: string[]): void {
    const registration = owned.registration;
    const start = locationOf(registration.node, registration.method);
    let validation: ReturnType<typeof validationOf>;
    try {
      validation = validationOf(file, owned);
    } catch (error) {
      notice(file.file, `Line ${start.line}: the validation of this route could not be judged (${String(error)}).`);
      validation = { validated: false, validatedBy: null, handlerFound: false };
    }
    for (const routePath of paths) {
      endpoints.push({
        method: registration.method,
        path: routePath,
        file: file.file,
        line: start.line,
        column: start.column + 1,
        slice: sliceOf(file.file),
        framework: registration.framework,
        ...validation,
      });
    }
  }

  function validationOf(file: LoadedFile, owned: OwnedRoute): Pick<EndpointFact, 'validated' | 'validatedBy' | 'unvalidatedInput' | 'handlerFound'> {
    const registration = owned.registration;
    const handler = registration.handler ? { fn: registration.handler, file } : followHandler(registration.handlerNode, file);
    if (!handler) return { validated: false, validatedBy: null, handlerFound: false };
    const route: RouteHandler = { ...registration, handler: handler.fn };
    const result = project.validationOf(file).validationOf(route, handler.file === file ? undefined : project.validationOf(handler.file));
    const read = result.unvalidated;
    if (!read) return { validated: true, validatedBy: result.validatedBy, handlerFound: true };
    const start = read.node.loc.start;
    return { validated: false, validatedBy: null, handlerFound: true, unvalidatedInput: { label: read.label, file: handler.file.file, line: start.line, column: start.column + 1 } };
  }

  /** A handler named in one file and defined in another: `list`, `users.list` (a module namespace, an object, a class instance). */
  function followHandler(node: TSESTree.Node, file: LoadedFile, depth = 0): { fn: FunctionNode; file: LoadedFile } | undefined {
    if (depth > 6) return undefined;
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      const direct = resolve(file.routing.refOf(node), file);
      if (direct.kind === 'local') return functionAt(direct.node, direct.file, depth);
      const object = resolve(file.routing.refOf(node.object), file);
      return object.kind === 'local' ? memberOf(object.node, node.property.name, object.file, depth) : undefined;
    }
    const target = resolve(file.routing.refOf(node), file);
    return target.kind === 'local' ? functionAt(target.node, target.file, depth) : undefined;
  }

  function functionAt(node: TSESTree.Node, file: LoadedFile, depth: number): { fn: FunctionNode; file: LoadedFile } | undefined {
    const value = node.type === 'VariableDeclarator' ? node.init : node;
    if (!value) return undefined;
    if (value.type === 'FunctionDeclaration' || value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression') return { fn: value, file };
    if (value.type === 'CallExpression') {
      // asyncHandler(fn)
      for (const argument of value.arguments) {
        const found = argument.type === 'SpreadElement' ? undefined : functionAt(argument, file, depth + 1) ?? (argument.type === 'Identifier' ? followHandler(argument, file, depth + 1) : undefined);
        if (found) return found;
      }
    }
    if (value.type === 'Identifier' && value !== node) return followHandler(value, file, depth + 1);
    return undefined;
  }

  function memberOf(node: TSESTree.Node, name: string, file: LoadedFile, depth: number): { fn: FunctionNode; file: LoadedFile } | undefined {
    const value = node.type === 'VariableDeclarator' ? node.init : node;
    if (value?.type === 'ObjectExpression') {
      const property = value.properties.find((candidate) => candidate.type === 'Property' && candidate.key.type === 'Identifier' && candidate.key.name === name);
      return property?.type === 'Property' ? functionAt(property.value, file, depth + 1) ?? (property.value.type === 'Identifier' ? followHandler(property.value, file, depth + 1) : undefined) : undefined;
    }
    if (value?.type === 'NewExpression') {
      const classRef = resolve(file.routing.refOf(value.callee), file);
      return classRef.kind === 'local' ? memberOf(classRef.node, name, classRef.file, depth + 1) : undefined;
    }
    if (value?.type === 'ClassDeclaration' || value?.type === 'ClassExpression') {
      for (const member of value.body.body) {
        const key = (member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && member.key.type === 'Identifier' ? member.key.name : undefined;
        if (key !== name) continue;
        if (member.type === 'MethodDefinition') return member.value.type === 'FunctionExpression' ? { fn: member.value, file } : undefined;
        if (member.type === 'PropertyDefinition' && member.value) return functionAt(member.value, file, depth + 1);
      }
    }
    return undefined;
  }

  return dedupe(endpoints).sort(compareEndpoints);
}

/** NestJS: global prefix, URI version, controller and method path; Next.js and Remix: the path from the file. */
function fileRoutePaths(owned: OwnedRoute, nest: NestBootstrap): string[] {
  const registration = owned.registration;
  const routePath = registration.path ?? '<dynamic>';
  if (registration.framework !== 'nestjs') return [joinPath(routePath)];
  const method = registration.node as TSESTree.MethodDefinition;
  const controller = method.parent.parent as TSESTree.ClassDeclaration;
  const versionOf = (decorators: TSESTree.Decorator[], name: string): string[] | undefined => {
    for (const decorator of decorators) {
      const call = decorator.expression;
      if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== name) continue;
      const argument = call.arguments[0];
      if (name === 'Version') return versionsOf(argument);
      const version = argument?.type === 'ObjectExpression' ? argument.properties.find((property) => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'version') : undefined;
      if (version?.type === 'Property') return versionsOf(version.value);
    }
    return undefined;
  };
  const versioning = nest.uriVersioning;
  const versions = versioning ? (versionOf(method.decorators, 'Version') ?? versionOf(controller.decorators ?? [], 'Controller') ?? versioning.defaultVersions) : [];
  const segments = versions.length > 0 ? versions.map((version) => (version === '' ? '' : `${versioning!.prefix}${version}`)) : [''];
  return segments.map((segment) => joinPath(nest.globalPrefix ?? '', segment, routePath));
}

/** Where a route is declared: the method name of a chained call (`.post(` in `new Hono().get(…).post(…)`), else the node. */
function locationOf(node: TSESTree.Node, method?: string): TSESTree.Position {
  if (node.type === 'MethodDefinition') {
    // A NestJS route: the line of its `@Get()` / `@Post()`, not of the first decorator above it (`@ApiOperation(…)`).
    const decorator = node.decorators.find(({ expression }) => {
      const called = expression.type === 'CallExpression' ? expression.callee : expression;
      return called.type === 'Identifier' && called.name.toUpperCase() === method;
    });
    return (decorator ?? node).loc.start;
  }
  const callee = node.type === 'CallExpression' ? node.callee : undefined;
  const chained = callee?.type === 'MemberExpression' && (callee.object.type === 'CallExpression' || callee.object.type === 'NewExpression');
  return chained ? callee.property.loc.start : node.loc.start;
}

export function joinPath(...parts: string[]): string {
  return `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;
}

function describeKey(key: string): string {
  return key.split('#')[0] ?? key;
}

function compareEndpoints(a: EndpointFact, b: EndpointFact): number {
  return cmp(a.path, b.path) || cmp(a.method, b.method) || cmp(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same route reached twice along the same path (a router mounted twice at one prefix) is one endpoint. */
function dedupe(endpoints: EndpointFact[]): EndpointFact[] {
  const seen = new Set<string>();
  return endpoints.filter((endpoint) => {
    const key = `${endpoint.method} ${endpoint.path} ${endpoint.file}:${endpoint.line}:${endpoint.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
