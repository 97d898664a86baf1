// What one parsed file says about the composition of routes: which router object each route registration is made
// on, which routers are mounted into which under what prefix (Express `use`, Fastify `register`, Hono `route` and
// `basePath`), and what the file exports. The route registrations themselves come from the rules' own fact function
// (collectRouteRegistrations); this file adds only the names and prefixes that join them across files.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { globalPipeOfCall, globalPipeOfProvider } from '../../rules/utils/global-validation-pipe.js';
import { collectRouteRegistrations, memberName, propertyNamed, staticString, type RouteRegistration } from '../../rules/utils/route-handlers.js';
import { childrenOf } from './estree.js';

/** Where a name points: a node of this file (by `key`), an import still to follow, or nothing we can see. */
export type Ref =
  | { kind: 'local'; key: string; node: TSESTree.Node }
  | { kind: 'import'; specifier: string; name: string; node: TSESTree.Node }
  | { kind: 'unknown' };

export interface Mount {
  parent: Ref;
  child: Ref;
  prefix: string;
  /** The call that mounts (for notices). */
  node: TSESTree.Node;
  /** The argument in a router's place (the last one of `use`, the plugin of `register`): a notice when it can't be followed. */
  routerPosition: boolean;
}

export interface OwnedRoute {
  registration: RouteRegistration;
  /** The router the route is registered on (Express/Fastify/Hono); unknown for file-based and decorator routes. */
  owner: Ref;
}

export interface NestBootstrap {
  globalPrefix?: string;
  /** URI versioning: the segment prefix (`v`) and the default versions. */
  uriVersioning?: { prefix: string; defaultVersions: string[] };
  /** What installs a global ValidationPipe (`app.useGlobalPipes(new ValidationPipe())`, an APP_PIPE provider). */
  globalValidationPipe?: string;
}

export interface FileRouting {
  routes: OwnedRoute[];
  mounts: Mount[];
  /** Exported name (`default` for `export default` and `module.exports =`) → what it names. */
  exports: Map<string, Ref>;
  /** `export * from '…'` specifiers. */
  starExports: string[];
  /** Keys of routers created here with a base path (`new Hono().basePath('/api')`). */
  basePaths: Map<string, string>;
  /** Keys of objects made by a router factory (`express()`, `Router()`, `new Hono()`, `Fastify()`). */
  routerKeys: Set<string>;
  nest: NestBootstrap;
  /** What a name or member expression of this file points to (for handlers and DTOs named here). */
  refOf(node: TSESTree.Node): Ref;
}

const ROUTER_FACTORIES = new Set(['express', 'Router', 'Hono', 'OpenAPIHono', 'Fastify', 'fastify']);
/** Wrappers that return the plugin they are given (`fastify-plugin`). */
const PLUGIN_WRAPPERS = new Set(['fp', 'fastifyPlugin']);
const NOT_A_FUNCTION_PARAM = new Set(['Literal', 'ObjectExpression', 'ArrayExpression', 'TemplateLiteral']);

export function keyOf(file: string, node: TSESTree.Node): string {
  return `${file}#${node.range[0]}-${node.range[1]}`;
}

/** Reads the composition facts of one file (`file`: its relative posix path, the key space of its nodes). */
export function analyseRouting(sourceCode: TSESLint.SourceCode, file: string, filename: string): FileRouting {
  const routing: FileRouting = { routes: [], mounts: [], exports: new Map(), starExports: [], basePaths: new Map(), routerKeys: new Set(), nest: {}, refOf: (node) => refOf(node) };
  const local = (node: TSESTree.Node): Ref => ({ kind: 'local', key: keyOf(file, node), node });

  /** The top of a call chain rooted at `node` (`new Hono().basePath('/x').get(…)`). */
  function chainTop(node: TSESTree.Node): TSESTree.Node {
    let current = node;
    for (;;) {
      const parent = current.parent;
      if (parent?.type === 'MemberExpression' && parent.object === current && parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
        current = parent.parent;
      } else if (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'AwaitExpression')) {
        current = parent;
      } else {
        return current;
      }
    }
  }

  /** The root of a call chain: `app` in `app.route('/x').get(h)`, `new Hono()` in `new Hono().basePath('/api')`. */
  function chainRoot(node: TSESTree.Node): TSESTree.Node {
    let current = unwrap(node);
    while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && !isRequire(current)) current = unwrap(current.callee.object);
    return current;
  }

  /** The object made by a creation expression: the variable it initialises, else the expression itself. */
  function created(root: TSESTree.Node): Ref {
    const top = chainTop(root);
    const parent = top.parent;
    return local(parent?.type === 'VariableDeclarator' && parent.init === top ? parent : top);
  }

  function refOf(expression: TSESTree.Node, depth = 0): Ref {
    if (depth > 8) return { kind: 'unknown' };
    const node = unwrap(expression);
    if (isFunction(node)) return local(node);
    if (node.type === 'ImportExpression') {
      const specifier = staticString(node.source);
      return specifier === undefined ? { kind: 'unknown' } : { kind: 'import', specifier, name: '*', node };
    }
    // require('./x') is the module's exports object: `.name` picks an export, the whole is `module.exports = …`
    if (isRequire(node)) return { kind: 'import', specifier: staticString((node as TSESTree.CallExpression).arguments[0])!, name: '*', node };
    if (node.type === 'MemberExpression') {
      const name = memberName(node);
      const object = refOf(node.object, depth + 1);
      if (name && object.kind === 'import' && object.name === '*') return { ...object, name, node };
      return { kind: 'unknown' };
    }
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && !isRouterFactory(node) && !isRequire(node)) {
      // a plugin wrapper: `fp(async (app) => { … })`, `fp(plugin)`
      const plugin = node.arguments.find((argument) => isFunction(unwrap(argument)));
      if (plugin) return local(unwrap(plugin));
      const named = node.arguments[0];
      if (PLUGIN_WRAPPERS.has(node.callee.name) && named?.type === 'Identifier') return refOf(named, depth + 1);
      return created(node);
    }
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const root = chainRoot(node);
      if (root === node) return created(node);
      return refOf(root, depth + 1);
    }
    if (node.type !== 'Identifier') return { kind: 'unknown' };
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const definition = variable?.defs[0];
    if (!definition) return { kind: 'local', key: `${file}#global:${node.name}`, node };
    if (definition.type === 'ImportBinding') {
      const specifier = definition.node;
      const source = (definition.parent as TSESTree.ImportDeclaration).source.value;
      if (specifier.type === 'ImportNamespaceSpecifier') return { kind: 'import', specifier: source, name: '*', node };
      if (specifier.type === 'ImportDefaultSpecifier') return { kind: 'import', specifier: source, name: 'default', node };
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
        return { kind: 'import', specifier: source, name: imported, node };
      }
      return { kind: 'unknown' };
    }
    if (definition.type === 'Variable') {
      const declarator = definition.node;
      const init = declarator.init ? unwrap(declarator.init) : undefined;
      const follows = init && (init.type === 'Identifier' || init.type === 'MemberExpression' || isFunction(init) || (init.type === 'CallExpression' && init.callee.type === 'Identifier'));
      if (declarator.id.type === 'Identifier' && init && follows) {
        return refOf(init, depth + 1);
      }
      return local(declarator);
    }
    return local(definition.node);
  }

  function addExport(name: string, ref: Ref): void {
    if (!routing.exports.has(name)) routing.exports.set(name, ref);
  }

  function fromCall(call: TSESTree.CallExpression): void {
    const callee = call.callee;
    if (callee.type === 'Identifier' && !isRequire(call)) {
      // mountAdmin(app): a function that registers routes on the router it is given
      for (const argument of call.arguments) {
        if (argument.type === 'Identifier') routing.mounts.push({ parent: refOf(argument), child: refOf(callee), prefix: '', node: call, routerPosition: false });
      }
    }
    if (callee.type !== 'MemberExpression') return;
    const name = memberName(callee);
    const args = call.arguments;
    if (name === 'use' && args.length > 0) {
      const prefix = staticString(args[0]);
      const candidates = (prefix === undefined ? args : args.slice(1)).flatMap((argument) => (argument.type === 'ArrayExpression' ? argument.elements : [argument]));
      candidates.forEach((argument, index) => {
        if (!argument || argument.type === 'SpreadElement' || !isRouterCandidate(argument)) return;
        routing.mounts.push({ parent: refOf(callee.object), child: refOf(argument), prefix: prefix ?? '', node: call, routerPosition: index === candidates.length - 1 });
      });
    } else if (name === 'register' && args[0] && args[0].type !== 'SpreadElement') {
      const options = args[1]?.type === 'ObjectExpression' ? args[1] : undefined;
      const prefix = options ? staticString(propertyNamed(options, 'prefix')?.value) : undefined;
      const plugin = args[0];
      if (isRouterCandidate(plugin) || isFunction(unwrap(plugin)) || unwrap(plugin).type === 'ImportExpression') {
        routing.mounts.push({ parent: refOf(callee.object), child: refOf(plugin), prefix: prefix ?? '', node: call, routerPosition: true });
      }
    } else if (name === 'route' && args.length === 2 && args[1] && args[1].type !== 'SpreadElement' && isRouterCandidate(args[1])) {
      const prefix = staticString(args[0]);
      if (prefix !== undefined) routing.mounts.push({ parent: refOf(callee.object), child: refOf(args[1]), prefix, node: call, routerPosition: true });
    } else if (name === 'setGlobalPrefix') {
      routing.nest.globalPrefix = staticString(args[0]) ?? routing.nest.globalPrefix;
    } else if (name === 'enableVersioning') {
      routing.nest.uriVersioning = uriVersioningOf(args[0]);
    } else if (name === 'useGlobalPipes') {
      routing.nest.globalValidationPipe = globalPipeOfCall(call) ?? routing.nest.globalValidationPipe;
    }
  }

  function fromDeclarator(declarator: TSESTree.VariableDeclarator): void {
    if (!declarator.init) return;
    const root = chainRoot(declarator.init);
    if (isRouterFactory(root)) routing.routerKeys.add(keyOf(file, declarator));
    const basePaths: string[] = [];
    for (let current = unwrap(declarator.init); current !== root && current.type === 'CallExpression' && current.callee.type === 'MemberExpression'; current = unwrap(current.callee.object)) {
      if (memberName(current.callee) === 'basePath') basePaths.unshift(staticString(current.arguments[0]) ?? '');
    }
    if (basePaths.length === 0) return;
    const prefix = basePaths.join('/');
    if (root.type === 'Identifier') routing.mounts.push({ parent: refOf(root), child: local(declarator), prefix, node: declarator, routerPosition: false });
    else routing.basePaths.set(keyOf(file, declarator), prefix);
  }

  function fromExport(statement: TSESTree.ProgramStatement): void {
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      addExport('default', declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration' ? local(declaration) : refOf(declaration));
    } else if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') addExport(declarator.id.name, refOf(declarator.id));
      } else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id) {
        addExport(declaration.id.name, local(declaration));
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        const localName = specifier.local.type === 'Identifier' ? specifier.local.name : specifier.local.value;
        addExport(exported, statement.source ? { kind: 'import', specifier: statement.source.value, name: localName, node: specifier } : refOf(specifier.local));
      }
    } else if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      routing.starExports.push(statement.source.value);
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      // module.exports = router; module.exports.router = router; exports.router = router
      const { left, right } = statement.expression;
      const target = left.type === 'MemberExpression' ? left : undefined;
      if (target && isModuleExports(target)) {
        if (right.type === 'ObjectExpression') {
          for (const property of right.properties) {
            const key = property.type === 'Property' && property.key.type === 'Identifier' ? property.key.name : undefined;
            if (key && property.type === 'Property') addExport(key, refOf(property.value));
          }
        } else {
          addExport('default', refOf(right));
        }
      } else if (target && (isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports'))) {
        const name = memberName(target);
        if (name) addExport(name, refOf(right));
      }
    }
  }

  function fromObject(object: TSESTree.ObjectExpression): void {
    routing.nest.globalValidationPipe = globalPipeOfProvider(object) ?? routing.nest.globalValidationPipe;
  }

  for (const statement of sourceCode.ast.body) fromExport(statement);
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression') fromCall(node);
    else if (node.type === 'VariableDeclarator') fromDeclarator(node);
    else if (node.type === 'ObjectExpression') fromObject(node);
    stack.push(...childrenOf(node, sourceCode.visitorKeys));
  }
  for (const registration of collectRouteRegistrations(sourceCode, filename)) {
    const call = registration.node;
    const owner = call.type === 'CallExpression' && call.callee.type === 'MemberExpression' ? refOf(call.callee.object) : ({ kind: 'unknown' } as const);
    routing.routes.push({ registration, owner });
  }
  return routing;
}

/** A mounted value that may be a router: a name, a member (`routes.users`), `require('./x')`, a creation (`new Hono()`). */
function isRouterCandidate(node: TSESTree.Node): boolean {
  const current = unwrap(node);
  if (NOT_A_FUNCTION_PARAM.has(current.type) || isFunction(current)) return false;
  if (current.type === 'Identifier' || current.type === 'MemberExpression' || current.type === 'NewExpression') return true;
  return isRequire(current) || (current.type === 'CallExpression' && isRouterFactory(chainRootOf(current)));
}

function chainRootOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') current = current.callee.object;
  return current;
}

function isRouterFactory(node: TSESTree.Node): boolean {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return false;
  const callee = node.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
  return !!name && ROUTER_FACTORIES.has(name);
}

function isRequire(node: TSESTree.Node): boolean {
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && staticString(node.arguments[0]) !== undefined;
}

function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && memberName(node) === 'exports';
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === 'AwaitExpression') current = current.argument;
    else if (current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression') current = current.expression;
    else return current;
  }
}

/** `{ type: VersioningType.URI, prefix?, defaultVersion? }`: undefined for header / media-type versioning. */
function uriVersioningOf(node: TSESTree.Node | undefined): NestBootstrap['uriVersioning'] {
  if (node?.type !== 'ObjectExpression') return undefined;
  const type = propertyNamed(node, 'type')?.value;
  if (type?.type !== 'MemberExpression' || memberName(type) !== 'URI') return undefined;
  const prefixNode = propertyNamed(node, 'prefix')?.value;
  const prefix = prefixNode?.type === 'Literal' && prefixNode.value === false ? '' : (staticString(prefixNode) ?? 'v');
  return { prefix, defaultVersions: versionsOf(propertyNamed(node, 'defaultVersion')?.value) };
}

/** `'1'`, `['1', '2']`, `VERSION_NEUTRAL` (no segment: `''`). */
export function versionsOf(node: TSESTree.Node | undefined): string[] {
  if (!node) return [];
  if (node.type === 'ArrayExpression') return node.elements.flatMap((element) => (element && element.type !== 'SpreadElement' ? versionsOf(element) : []));
  if (node.type === 'Identifier' && node.name === 'VERSION_NEUTRAL') return [''];
  const value = staticString(node);
  return value === undefined ? [] : [value];
}
