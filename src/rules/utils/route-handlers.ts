// Recognises HTTP route handlers in one file (Express/Router, Fastify, Hono, Web/Next.js route files, NestJS
// controllers) and the places where a handler reads request input. Shared by rules and by the audit's endpoint
// inventory; computed once per SourceCode.
import path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

export type RouteFramework = 'express' | 'fastify' | 'hono' | 'web' | 'nestjs' | 'remix';
export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export interface RouteHandler {
  framework: RouteFramework;
  /** Upper-case HTTP method: `GET`, `POST`, …, `ALL`. One entry per method when a route lists several. */
  method: string;
  /** Static path (`/users/:id`); NestJS joins the controller prefix, Next.js derives it from `app/…/route.ts`. */
  path: string | undefined;
  /** The declaration: the registering call, the exported function/variable, or the decorated method. */
  node: TSESTree.Node;
  handler: FunctionNode;
  /** Express/Hono: arguments between the path and the handler (arrays flattened, `const` names resolved). */
  middlewares: TSESTree.Node[];
  /** A spread argument whose content can't be seen may hold middleware. */
  hasOpaqueMiddleware: boolean;
  /** Fastify: the route options object (`{ schema, preValidation, … }`). */
  options: TSESTree.ObjectExpression | undefined;
}

/**
 * A route registration whose handler may live in another file (`router.get('/x', users.list)`): `handler` is
 * undefined when it is not a function of this file, and `handlerNode` is the expression naming it.
 */
export interface RouteRegistration extends Omit<RouteHandler, 'handler'> {
  handler: FunctionNode | undefined;
  handlerNode: TSESTree.Node;
}

/** Request input a handler reads. `node` is where to report (`req.body`, `c.req.json()`, the `@Body()` decorator). */
export interface InputRead {
  /** `body` | `query` | `params` | `headers` | `json` | `formData` | `parseBody` | `param` | `queries` | `Body` | … */
  input: string;
  /** The input as written for messages: `req.body`, `c.req.json()`, `@Body()`. */
  label: string;
  node: TSESTree.Node;
  /** The expression carrying the value (member/call expression), or the binding pattern when destructured. */
  value: TSESTree.Node;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all'];
const WEB_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEST_METHODS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head'];
const NEST_INPUTS = ['Body', 'Query', 'Param'];
export const EXPRESS_INPUTS = new Set(['body', 'query', 'params', 'headers']);
export const HONO_INPUTS = new Set(['json', 'parseBody', 'formData', 'query', 'queries', 'param']);
const WEB_INPUTS = new Set(['json', 'formData']);
/** `http.get(url, (res) => …)` and MSW's `http.post(path, ({ request, params }) => …)` are not routes. */
const NOT_ROUTERS = new Set(['http', 'https', 'node:http', 'node:https', 'http2', 'node:http2', 'msw']);
/** A path part without leading and trailing `/`, by scans from both ends (`/\/+$/` is quadratic on a run of slashes). */
function trimSlashes(part: string): string {
  let start = 0;
  let end = part.length;
  while (start < end && part[start] === '/') start++;
  while (end > start && part[end - 1] === '/') end--;
  return part.slice(start, end);
}

const ROUTE_FILE = /^route\.[cm]?[jt]sx?$/;
/**
 * Remix / React Router route modules under `app/routes/`: `<flat name>.tsx`, `<flat name>/route.tsx`, and files in
 * nested folders: remix-flat-routes `x+/` folders and plain folders (`users/$username/notes/$noteId.tsx`). A folder
 * with a dot (`notes.$id/`) holds one route (`route.tsx`) and colocated files; `+shared/` folders and `.server` /
 * `.client` modules are not routes.
 */
const REMIX_ROUTE = /(?:^|\/)app\/routes\/((?:[^/]+\/)*?[^/]+?)(?:\/route)?\.[cm]?[jt]sx?$/;
const REMIX_EXPORTS: Record<string, string> = { loader: 'GET', action: 'POST' };

const cache = new WeakMap<TSESLint.SourceCode, RouteRegistration[]>();
const handlerCache = new WeakMap<TSESLint.SourceCode, RouteHandler[]>();

/**
 * Every route registration in the file, including those whose handler is not a function of this file (cached per
 * SourceCode). Such a registration is a route only when its receiver is a router (the audit follows it across files).
 */
export function collectRouteRegistrations(sourceCode: TSESLint.SourceCode, filename: string): RouteRegistration[] {
  let routes = cache.get(sourceCode);
  if (!routes) {
    routes = new Collector(sourceCode, filename).collect();
    cache.set(sourceCode, routes);
  }
  return routes;
}

/** Every route handler declared in the file: the registrations whose handler is a function of this file (cached per SourceCode). */
export function collectRouteHandlers(sourceCode: TSESLint.SourceCode, filename: string): RouteHandler[] {
  let routes = handlerCache.get(sourceCode);
  if (!routes) {
    routes = collectRouteRegistrations(sourceCode, filename).filter((route): route is RouteRegistration & RouteHandler => route.handler !== undefined);
    handlerCache.set(sourceCode, routes);
  }
  return routes;
}

/** A static string: a literal or a template without expressions. */
export function staticString(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name a call or reference goes by: `validate` for `validate(x)`, `v.validate(x)`, `validate`, `body('x').isEmail()`. */
export function calleeName(node: TSESTree.Node): string | undefined {
  let current: TSESTree.Node = node;
  while (current.type === 'CallExpression' || current.type === 'NewExpression') {
    const callee: TSESTree.Node = current.callee;
    current = callee.type === 'MemberExpression' && callee.object.type === 'CallExpression' ? callee.object : callee;
  }
  if (current.type === 'Identifier') return current.name;
  if (current.type === 'MemberExpression' && current.property.type === 'Identifier') return current.property.name;
  return undefined;
}

/** The initializer of a `const`/`let` binding named by `node`, when it is declared in this file. */
export function resolveInit(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESTree.Node | undefined {
  if (node.type !== 'Identifier') return undefined;
  const definition = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  if (definition?.node.type === 'FunctionDeclaration') return definition.node;
  if (definition?.node.type === 'VariableDeclarator' && definition.node.id.type === 'Identifier') {
    return definition.node.init ?? undefined;
  }
  return undefined;
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression'
  ) {
    current = current.expression;
  }
  return current;
}

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === 'ArrowFunctionExpression' ||
    node.type === 'FunctionExpression' ||
    node.type === 'FunctionDeclaration'
  );
}

/** A handler: a function, a name bound to one in this file, or a wrapper call around one (`asyncHandler(fn)`). */
function resolveFunction(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, depth = 0): FunctionNode | undefined {
  const current = unwrap(node);
  if (isFunction(current)) return current;
  if (depth > 3) return undefined;
  if (current.type === 'Identifier') {
    const init = resolveInit(sourceCode, current);
    return init ? resolveFunction(sourceCode, init, depth + 1) : undefined;
  }
  if (current.type === 'CallExpression') {
    for (const argument of [...current.arguments].reverse()) {
      if (argument.type === 'SpreadElement') continue;
      const inner = isFunction(unwrap(argument)) || argument.type === 'Identifier' ? resolveFunction(sourceCode, argument, depth + 1) : undefined;
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A name or a member chain (`list`, `users.list`, `controllers.users.list`): a handler that may live in another file. */
function isHandlerReference(node: TSESTree.Node): boolean {
  let current = unwrap(node);
  while (current.type === 'MemberExpression' && !current.computed) current = current.object;
  return current.type === 'Identifier';
}

export function propertyNamed(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find(
    (property): property is TSESTree.Property =>
      property.type === 'Property' &&
      !property.computed &&
      ((property.key.type === 'Identifier' && property.key.name === name) || staticString(property.key) === name),
  );
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.computed ? staticString(node.property) : undefined;
}

class Collector {
  private readonly routes: RouteRegistration[] = [];
  private readonly imports = new Map<string, string>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly filename: string,
  ) {}

  collect(): RouteRegistration[] {
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type === 'ImportDeclaration') {
        for (const specifier of statement.specifiers) this.imports.set(specifier.local.name, statement.source.value);
      }
    }
    const nest = this.importsFrom(/^@nestjs\/common$/) ? nestReferencesOf(this.sourceCode) : new Set<TSESTree.Node>();
    const normalised = this.filename.split(path.sep).join('/');
    const remixPath = remixRoutePath(normalised);
    const isRouteFile = remixPath !== undefined || ROUTE_FILE.test(path.basename(this.filename));
    const stack: TSESTree.Node[] = [this.sourceCode.ast];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'CallExpression') this.fromCall(node);
      else if (isRouteFile && node.type === 'ExportNamedDeclaration') this.fromExport(node, remixPath);
      else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') this.fromClass(node, nest);
      for (const key of this.sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
        }
      }
    }
    return this.routes.sort((a, b) => a.node.range[0] - b.node.range[0] || a.handlerNode.range[0] - b.handlerNode.range[0]);
  }

  private importsFrom(pattern: RegExp): boolean {
    return [...this.imports.values()].some((source) => pattern.test(source));
  }

  private fromCall(call: TSESTree.CallExpression): void {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
    const name = callee.property.name;
    if (callee.object.type === 'Identifier' && NOT_ROUTERS.has(this.imports.get(callee.object.name) ?? '')) return;
    // fastify.route({ method, url, schema, handler })
    if (name === 'route' && call.arguments.length === 1 && call.arguments[0]!.type === 'ObjectExpression') {
      const options = call.arguments[0]!;
      const handler = propertyNamed(options, 'handler');
      const methodNode = propertyNamed(options, 'method')?.value;
      const methods =
        methodNode?.type === 'ArrayExpression' ? methodNode.elements.map((e) => staticString(e ?? undefined)) : [staticString(methodNode)];
      if (!handler) return;
      const fn = resolveFunction(this.sourceCode, handler.value);
      for (const method of methods) {
        this.add({ framework: 'fastify', method: method ?? 'ALL', path: staticString(propertyNamed(options, 'url')?.value), node: call, handler: fn, handlerNode: handler.value, middlewares: [], hasOpaqueMiddleware: false, options });
      }
      return;
    }
    const isOn = name === 'on';
    if (!isOn && !HTTP_METHODS.includes(name)) return;
    const args = [...call.arguments];
    let methods = [name.toUpperCase()];
    if (isOn) {
      const first = args.shift();
      methods = first?.type === 'ArrayExpression' ? first.elements.map((e) => staticString(e ?? undefined)?.toUpperCase() ?? 'ALL') : [staticString(first)?.toUpperCase() ?? 'ALL'];
    }
    // app.route('/x').get(handler).post(handler)
    let routePath: TSESTree.Node | undefined;
    let receiver: TSESTree.Node = callee.object;
    while (receiver.type === 'CallExpression' && receiver.callee.type === 'MemberExpression') {
      if (memberName(receiver.callee) === 'route') {
        routePath = receiver.arguments[0];
        break;
      }
      if (!HTTP_METHODS.includes(memberName(receiver.callee) ?? '')) break;
      receiver = receiver.callee.object;
    }
    if (!routePath) {
      if (args.length < 2) return; // app.get('env'), app.post('/x')
      routePath = args.shift();
      if (!routePath || routePath.type === 'SpreadElement' || routePath.type === 'ObjectExpression' || isFunction(routePath)) return;
    }
    // A route path has no whitespace: `db.all('select … from t', cb)` is a query, not an `ALL` route.
    if (/\s/.test(staticString(routePath) ?? '')) return;
    const last = args.pop();
    if (!last || last.type === 'SpreadElement') return;
    let options: TSESTree.ObjectExpression | undefined;
    let handler: FunctionNode | undefined;
    let handlerNode: TSESTree.Node | undefined = last;
    if (last.type === 'ObjectExpression') {
      // fastify.get('/x', { schema, handler })
      handlerNode = propertyNamed(last, 'handler')?.value;
      handler = handlerNode && resolveFunction(this.sourceCode, handlerNode);
      options = last;
    } else {
      handler = resolveFunction(this.sourceCode, last);
    }
    // A handler named elsewhere (`users.list`, an imported function) is kept for the audit to follow.
    if (!handlerNode || (!handler && !isHandlerReference(handlerNode))) return;
    const middlewares: TSESTree.Node[] = [];
    let hasOpaqueMiddleware = false;
    const addMiddleware = (node: TSESTree.Node, depth: number): void => {
      if (depth > 3) {
        hasOpaqueMiddleware = true;
      } else if (node.type === 'SpreadElement') {
        const array = resolveInit(this.sourceCode, node.argument);
        if (array?.type === 'ArrayExpression') addMiddleware(array, depth + 1);
        else hasOpaqueMiddleware = true;
      } else if (node.type === 'ArrayExpression') {
        for (const element of node.elements) if (element) addMiddleware(element, depth + 1);
      } else if (node.type === 'ObjectExpression') {
        options ??= node;
      } else {
        const resolved = node.type === 'Identifier' ? resolveInit(this.sourceCode, node) : undefined;
        if (resolved?.type === 'ArrayExpression' || resolved?.type === 'ObjectExpression') {
          addMiddleware(resolved, depth + 1);
        } else {
          middlewares.push(node);
          if (resolved && !isFunction(resolved)) middlewares.push(resolved);
        }
      }
    };
    args.forEach((argument) => addMiddleware(argument, 0));
    const framework = this.frameworkOf(handler, options);
    for (const method of methods) {
      this.add({ framework, method, path: staticString(routePath), node: call, handler, handlerNode, middlewares, hasOpaqueMiddleware, options });
    }
  }

  private frameworkOf(handler: FunctionNode | undefined, options: TSESTree.ObjectExpression | undefined): RouteFramework {
    if (options) return 'fastify';
    if (this.importsFrom(/^hono(\/|$)|^@hono\//)) return 'hono';
    if (this.importsFrom(/^fastify$/)) return 'fastify';
    if (this.importsFrom(/^express$/)) return 'express';
    const params = handler?.params ?? [];
    const [first, second] = params;
    if (params.length === 1 && first?.type === 'Identifier' && /^(c|ctx|context)$/.test(first.name)) return 'hono';
    if (second?.type === 'Identifier' && second.name === 'reply') return 'fastify';
    return 'express';
  }

  private fromExport(node: TSESTree.ExportNamedDeclaration, remixPath: string | undefined): void {
    const found: [string, TSESTree.Node][] = [];
    const declaration = node.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) found.push([declaration.id.name, declaration]);
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.init) found.push([declarator.id.name, declarator.init]);
      }
    }
    if (!declaration && !node.source) {
      for (const specifier of node.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        found.push([exported, specifier.local]);
      }
    }
    if (remixPath !== undefined) {
      for (const [name, value] of found) {
        const handler = REMIX_EXPORTS[name] ? resolveFunction(this.sourceCode, value) : undefined;
        if (handler) this.add({ framework: 'remix', method: REMIX_EXPORTS[name]!, path: remixPath, node, handler, handlerNode: handler, middlewares: [], hasOpaqueMiddleware: false, options: undefined });
      }
      return;
    }
    const routePath = nextRoutePath(this.filename.split(path.sep).join('/'));
    for (const [name, value] of found) {
      const handler = WEB_METHODS.has(name) ? resolveFunction(this.sourceCode, value) : undefined;
      if (handler) {
        this.add({ framework: 'web', method: name, path: routePath, node, handler, handlerNode: handler, middlewares: [], hasOpaqueMiddleware: false, options: undefined });
      }
    }
  }

  private fromClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, nest: Set<TSESTree.Node>): void {
    if (nest.size === 0) return;
    const controller = node.decorators.find((decorator) => nestDecoratorName(decorator, nest) === 'Controller');
    if (!controller) return;
    const prefixArgument = controller.expression.type === 'CallExpression' ? controller.expression.arguments[0] : undefined;
    const prefixObject = prefixArgument?.type === 'ObjectExpression' ? propertyNamed(prefixArgument, 'path')?.value : prefixArgument;
    const prefix = prefixArgument ? staticString(prefixObject) : '';
    for (const member of node.body.body) {
      if (member.type !== 'MethodDefinition' || member.value.type !== 'FunctionExpression') continue;
      for (const decorator of member.decorators) {
        const name = nestDecoratorName(decorator, nest);
        if (!name || !NEST_METHODS.includes(name)) continue;
        const argument = decorator.expression.type === 'CallExpression' ? decorator.expression.arguments[0] : undefined;
        const sub = argument ? staticString(argument) : '';
        const routePath = prefix === undefined || sub === undefined ? undefined : `/${[prefix, sub].map(trimSlashes).filter(Boolean).join('/')}`;
        this.add({ framework: 'nestjs', method: name.toUpperCase(), path: routePath, node: member, handler: member.value, handlerNode: member.value, middlewares: [], hasOpaqueMiddleware: false, options: undefined });
      }
    }
  }

  private add(route: RouteRegistration): void {
    this.routes.push(route);
  }
}

/**
 * The URL path of a Next.js app-router `route.ts` from its folders: route groups `(x)` and parallel-route slots `@x`
 * are not part of the URL; dynamic `[id]` and catch-all `[...slug]` segments stay as written. The app directory is
 * `src/app`, else the last `app` folder above the file (so a project inside a `/app` folder works). Undefined outside one.
 */
export function nextRoutePath(file: string): string | undefined {
  const segments = file.split('/');
  const underSrc = segments.findIndex((part, index) => part === 'app' && segments[index - 1] === 'src' && index < segments.length - 1);
  const app = underSrc !== -1 ? underSrc : segments.lastIndexOf('app', segments.length - 2);
  if (app === -1) return undefined;
  const folders = segments.slice(app + 1, -1).filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith('@'));
  return `/${folders.join('/')}`;
}

/**
 * The URL path of a Remix / React Router flat-routes module (`app/routes/concerts.$city.tsx` → `/concerts/:city`):
 * `.` separates segments (`[.]` escapes one), `_index` and `_layout` prefixes add none, a trailing `_` is dropped,
 * `$x` is a parameter, `($x)` an optional one, `$` alone the splat `*`. Undefined for files that are not route modules.
 */
export function remixRoutePath(file: string): string | undefined {
  const matched = REMIX_ROUTE.exec(file)?.[1];
  if (matched === undefined) return undefined;
  const folders = matched.split('/');
  const last = folders.pop()!;
  if (/\.(?:server|client)$/.test(last) || folders.some((folder) => folder.startsWith('+') || (folder.includes('.') && !folder.endsWith('+')))) return undefined;
  const name = [...folders.map((folder) => folder.replace(/\+$/, '')), last === 'index' && folders.length > 0 ? '' : last].filter(Boolean).join('.');
  const segments: string[] = [];
  for (const raw of name.match(/(?:\[[^\]]*\]|[^.])+/g) ?? []) {
    if (raw.startsWith('_')) continue; // _index, pathless layouts
    const optional = /^\((.*)\)$/.exec(raw);
    const part = (optional ? optional[1]! : raw).replace(/_$/, '').replace(/\[([^\]]*)\]/g, '$1');
    const segment = part === '$' ? '*' : part.startsWith('$') ? `:${part.slice(1)}` : part;
    segments.push(optional ? `${segment}?` : segment);
  }
  return `/${segments.join('/')}`;
}

const nestNames = new WeakMap<TSESTree.Node, string>();

/** The `@nestjs/common` export a decorator calls (`Body` for `@Body()`), when it is one we track. */
export function nestDecoratorName(decorator: TSESTree.Decorator, references: Set<TSESTree.Node>): string | undefined {
  return references.has(decorator.expression) ? nestNames.get(decorator.expression) : undefined;
}

const nestCache = new WeakMap<TSESLint.SourceCode, Set<TSESTree.Node>>();

/** The calls of `@nestjs/common` decorators in the file, for `nestDecoratorName`; cached. */
export function nestReferencesOf(sourceCode: TSESLint.SourceCode): Set<TSESTree.Node> {
  const cached = nestCache.get(sourceCode);
  if (cached) return cached;
  const references = new Set<TSESTree.Node>();
  nestCache.set(sourceCode, references);
  const scope = sourceCode.scopeManager?.globalScope;
  if (!scope) return references;
  const call = { [ASTUtils.ReferenceTracker.CALL]: true };
  const names = ['Controller', ...NEST_METHODS, ...NEST_INPUTS, 'UsePipes'];
  const traceMap = { '@nestjs/common': { [ASTUtils.ReferenceTracker.ESM]: true, ...Object.fromEntries(names.map((name) => [name, call])) } };
  for (const { node, path: trace } of new ASTUtils.ReferenceTracker(scope).iterateEsmReferences(traceMap)) {
    nestNames.set(node, trace.at(-1) ?? '');
    references.add(node);
  }
  return references;
}

/** Where a handler reads request input, in source order. */
export function findInputReads(sourceCode: TSESLint.SourceCode, route: RouteHandler): InputRead[] {
  const nest = route.framework === 'nestjs' ? nestReferencesOf(sourceCode) : new Set<TSESTree.Node>();
  const reads: InputRead[] = [];
  const first = route.handler.params[0];
  if (route.framework === 'nestjs') {
    for (const param of route.handler.params) {
      for (const decorator of param.decorators) {
        const name = nestDecoratorName(decorator, nest);
        if (name && NEST_INPUTS.includes(name)) reads.push({ input: name, label: `@${name}()`, node: decorator, value: param });
      }
    }
    return reads;
  }
  if (!first) return reads;
  if (first.type === 'ObjectPattern' && (route.framework === 'express' || route.framework === 'fastify')) {
    reads.push(...patternReads(first, 'req'));
  }
  // Remix: loader({ request, params }) / action(…) read `request.json()`, `request.formData()`, the URL's
  // `searchParams` and `params.x`
  const argument = (name: string): TSESTree.Node | undefined =>
    first.type === 'ObjectPattern'
      ? first.properties.find((property) => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === name)?.value
      : undefined;
  const handlerVariable = (identifier: TSESTree.Node | undefined): TSESLint.Scope.Variable | undefined =>
    identifier?.type === 'Identifier' ? sourceCode.getDeclaredVariables(route.handler).find((candidate) => candidate.name === identifier.name) : undefined;
  if (route.framework === 'remix') reads.push(...remixParamReads(handlerVariable(argument('params'))));
  const request = route.framework === 'remix' && first.type === 'ObjectPattern' ? argument('request') : first;
  const variable = handlerVariable(request);
  for (const reference of variable?.references ?? []) {
    const identifier = reference.identifier as TSESTree.Node;
    const parent = identifier.parent;
    if (!parent) continue;
    if (route.framework === 'express' || route.framework === 'fastify') {
      if (parent.type === 'MemberExpression' && parent.object === identifier) {
        const name = memberName(parent);
        const called = parent.parent?.type === 'CallExpression' && parent.parent.callee === parent;
        if (name && EXPRESS_INPUTS.has(name) && !called) reads.push({ input: name, label: `${variable!.name}.${name}`, node: parent, value: parent });
      } else if (parent.type === 'VariableDeclarator' && parent.init === identifier && parent.id.type === 'ObjectPattern') {
        reads.push(...patternReads(parent.id, variable!.name));
      }
      continue;
    }
    // Hono: c.req.json(); Web: request.json()
    let member: TSESTree.Node = parent;
    if (route.framework === 'hono') {
      if (parent.type !== 'MemberExpression' || parent.object !== identifier || memberName(parent) !== 'req') continue;
      member = parent.parent;
    }
    if (route.framework === 'remix' && member.type === 'MemberExpression' && memberName(member) === 'url') {
      reads.push(...searchParamsReads(sourceCode, member));
      continue;
    }
    if (member.type !== 'MemberExpression' || member.parent.type !== 'CallExpression' || member.parent.callee !== member) continue;
    const name = memberName(member);
    const inputs = route.framework === 'hono' ? HONO_INPUTS : WEB_INPUTS;
    if (!name || !inputs.has(name)) continue;
    const label = route.framework === 'hono' ? `${variable!.name}.req.${name}()` : `${variable!.name}.${name}()`;
    reads.push({ input: name, label, node: member.parent, value: member.parent });
  }
  return reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Remix `params.id` (one read per access) and `const { id } = params`. */
function remixParamReads(params: TSESLint.Scope.Variable | undefined): InputRead[] {
  const reads: InputRead[] = [];
  for (const reference of params?.references ?? []) {
    const identifier = reference.identifier as TSESTree.Node;
    const parent = identifier.parent;
    if (parent?.type === 'MemberExpression' && parent.object === identifier) {
      const name = memberName(parent);
      if (name) reads.push({ input: 'params', label: `${params!.name}.${name}`, node: parent, value: parent });
    } else if (parent?.type === 'VariableDeclarator' && parent.init === identifier && parent.id.type === 'ObjectPattern') {
      reads.push({ input: 'params', label: params!.name, node: parent.id, value: parent.id });
    }
  }
  return reads;
}

/** `new URL(request.url).searchParams`, directly or through a variable (`const url = new URL(request.url)`). */
function searchParamsReads(sourceCode: TSESLint.SourceCode, requestUrl: TSESTree.MemberExpression): InputRead[] {
  const created = requestUrl.parent;
  if (created?.type !== 'NewExpression' || created.arguments[0] !== requestUrl || calleeName(created) !== 'URL') return [];
  const read = (member: TSESTree.Node, object: string): InputRead[] =>
    member.type === 'MemberExpression' && memberName(member) === 'searchParams'
      ? [{ input: 'query', label: `${object}.searchParams`, node: member, value: member }]
      : [];
  const holder = created.parent;
  if (holder?.type === 'MemberExpression' && holder.object === created) return read(holder, 'url');
  if (holder?.type !== 'VariableDeclarator' || holder.init !== created || holder.id.type !== 'Identifier') return [];
  const name = holder.id.name;
  return sourceCode.getDeclaredVariables(holder).flatMap((variable) =>
    variable.references.flatMap((reference) => (reference.identifier.parent ? read(reference.identifier.parent, name) : [])),
  );
}

function patternReads(pattern: TSESTree.ObjectPattern, object: string): InputRead[] {
  const reads: InputRead[] = [];
  for (const property of pattern.properties) {
    if (property.type === 'RestElement') continue;
    const name = property.computed ? staticString(property.key) : property.key.type === 'Identifier' ? property.key.name : staticString(property.key);
    if (name && EXPRESS_INPUTS.has(name)) reads.push({ input: name, label: `${object}.${name}`, node: property, value: property.value });
  }
  return reads;
}
