// Is a route handler's input validated, and by what? One answer for the `require-input-validation` rule (which reports
// the first unvalidated read) and for the audit's endpoint inventory (which lists what validates each endpoint).
//
//   route-level cover   Express/Hono validating middleware (Hono's target must match the read: `zValidator('json')`
//                       covers `c.req.json()` only), Fastify `schema` / validating hooks, typed route params
//                       (`/:id(\\d+)`), NestJS pipes (`@Body(new ValidationPipe())`, `@UsePipes(…)`, a global
//                       `ValidationPipe` with a class DTO)
//   value flow          the read's value reaches a validation call (`./input-validation.ts`)
//
// Usage (one per file):
//   const routes = createRouteValidation(context.sourceCode, options);
//   routes.unvalidatedRead(route)  // the first input read no validation covers, or undefined
//   routes.validationOf(route)     // { unvalidated, validatedBy }
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createInputValidation, type ValidatorNames, type Verdict } from './input-validation.js';
import {
  calleeName,
  findInputReads,
  nestDecoratorName,
  nestReferencesOf,
  propertyNamed,
  resolveInit,
  staticString,
  type InputRead,
  type RouteHandler,
} from './route-handlers.js';

/** What a name used as a type denotes: a class (a DTO a ValidationPipe can validate) or only a type. */
export type TypeKind = 'class' | 'type';

export interface RouteValidationOptions extends ValidatorNames {
  checkParams?: boolean;
  checkHeaders?: boolean;
  /**
   * NestJS: a global `ValidationPipe` validates class-typed `@Body()` / `@Query()` DTOs. `true` / `false` decide; when
   * undefined, `globalValidationPipe` is asked (once, on the first read that needs the answer).
   */
  assumeGlobalValidationPipe?: boolean;
  /** What installs the project's global ValidationPipe (`findGlobalValidationPipe(filename)`), or undefined. */
  globalValidationPipe?: () => string | undefined;
  /** Report path parameters used as opaque ids (`@Param('id') id: string` or `req.params.id` passed to a lookup). */
  checkIdParams?: boolean;
  /**
   * What a type name not declared in this file denotes (the audit follows imports to other files); undefined when
   * unknown. Without it, such a name is trusted to be a class.
   */
  typeKindOf?: (name: string, reference: TSESTree.Identifier) => TypeKind | undefined;
  /** The file's absolute path: lets the value flow follow `XCommand.create({ … })` to a self-validating command class. */
  filename?: string;
}

export interface RouteValidation {
  /** The first input read of the route that nothing validates (what the rule reports), or undefined. */
  unvalidatedRead(route: RouteHandler): InputRead | undefined;
  /**
   * The unvalidated read, and what validates the others (`middleware validateBody(articleSchema)`, `zod:
   * schema.parse()`), or null. `handlerFile`: the route validation of the file the handler lives in, when another.
   */
  validationOf(route: RouteHandler, handlerFile?: RouteValidation): { unvalidated: InputRead | undefined; validatedBy: string | null };
  /** The input reads of a handler of this file, each with (lazily) its value flow's verdict and the validation call it reached. */
  valueValidation(route: RouteHandler): ValueValidation[];
}

export interface ValueValidation {
  read: InputRead;
  evaluate(): { verdict: Verdict; by: string | undefined };
}

const HONO_TARGETS: Record<string, string> = { json: 'json', parseBody: 'form', formData: 'form', query: 'query', queries: 'query', param: 'param' };
const FASTIFY_KEYS: Record<string, string[]> = { body: ['body'], query: ['querystring', 'query'], params: ['params'], headers: ['headers'] };
const NOT_DTO_TYPES = new Set(['Record', 'Partial', 'Pick', 'Omit', 'Array', 'Readonly', 'Required', 'Map', 'Set', 'Object', 'String', 'Number', 'Boolean']);
const SCHEMA_LIBRARIES: [RegExp, string][] = [
  [/^zod(\/|$)/, 'zod'],
  [/^valibot$/, 'valibot'],
  [/^yup$/, 'yup'],
  [/^joi$|^@hapi\/joi$/, 'joi'],
  [/^@sinclair\/typebox|^typebox/, 'typebox'],
  [/^class-validator$/, 'class-validator'],
  [/^ajv$/, 'ajv'],
];
const MAX_LABEL = 60;
/** What covers a path parameter used only as a lookup key (`checkIdParams: false`). */
const OPAQUE_ID = 'id parameter used as a lookup key';

/** Creates the route validation for one file (the rule's options, plus the audit's `typeKindOf`). */
export function createRouteValidation(sourceCode: TSESLint.SourceCode, options: RouteValidationOptions = {}): RouteValidation {
  const { isValidatingMiddleware, isOpaqueIdRead, readValidation } = createInputValidation(sourceCode, options, options.filename);
  const library = schemaLibraryOf(sourceCode);

  const text = (node: TSESTree.Node): string => {
    const written = sourceCode.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
    return written.length > MAX_LABEL ? `${written.slice(0, MAX_LABEL - 1)}…` : written;
  };

  function fastifyCover(route: RouteHandler, input: string): string | undefined {
    const routeOptions = route.options;
    if (!routeOptions) return undefined;
    for (const hook of ['preValidation', 'preHandler', 'onRequest']) {
      const value = propertyNamed(routeOptions, hook)?.value;
      if (value && isValidatingMiddleware(value)) return `${hook} ${text(value)}`;
    }
    const written = propertyNamed(routeOptions, 'schema')?.value;
    if (!written) return undefined;
    const schema: TSESTree.Node = resolveInit(sourceCode, written) ?? written;
    const label = `fastify schema ${text(written)}`;
    if (schema.type !== 'ObjectExpression') return label; // a schema we can't see: trust it
    if (schema.properties.some((property) => property.type === 'SpreadElement')) return label;
    return (FASTIFY_KEYS[input] ?? []).some((key) => propertyNamed(schema, key)) ? label : undefined;
  }

  function nestCover(route: RouteHandler, read: InputRead): string | undefined {
    const decorator = read.node as TSESTree.Decorator;
    const args = decorator.expression.type === 'CallExpression' ? decorator.expression.arguments : [];
    const pipe = args.find((argument) => staticString(argument) === undefined);
    if (pipe) return `pipe ${text(pipe)}`; // @Body(new ValidationPipe()), @Param('id', ParseUUIDPipe)
    const nest = nestReferencesOf(sourceCode);
    const classNode = route.node.parent?.parent;
    const decorators = [...(route.node as TSESTree.MethodDefinition).decorators, ...(classNode && 'decorators' in classNode ? classNode.decorators : [])];
    const piped = decorators.find(
      (candidate) =>
        nestDecoratorName(candidate, nest) === 'UsePipes' &&
        candidate.expression.type === 'CallExpression' &&
        candidate.expression.arguments.some((argument) => /valid|zod|schema|parse/i.test(calleeName(argument) ?? '')),
    );
    if (piped) return text(piped.expression).replace(/^/, '@');
    if (!hasGlobalPipe()) return undefined;
    const param = read.value.type === 'AssignmentPattern' ? read.value.left : read.value;
    // a named DTO (`@Body() dto: CreateDto`) or a destructured one (`@Body() { name }: CreateDto`)
    const annotation = param.type === 'Identifier' || param.type === 'ObjectPattern' || param.type === 'ArrayPattern' ? param.typeAnnotation : undefined;
    const type = annotation?.typeAnnotation;
    if (type?.type !== 'TSTypeReference') return undefined;
    if (type.typeName.type !== 'Identifier') return 'ValidationPipe (global)';
    const name = type.typeName.name;
    const declaredAsType = sourceCode.ast.body.some((statement) => {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      return (declaration?.type === 'TSInterfaceDeclaration' || declaration?.type === 'TSTypeAliasDeclaration') && declaration.id.name === name;
    });
    if (declaredAsType || NOT_DTO_TYPES.has(name) || options.typeKindOf?.(name, type.typeName) === 'type') return undefined;
    return `ValidationPipe (global) + ${name}`;
  }

  function routeCover(route: RouteHandler, read: InputRead): string | undefined {
    if (route.framework === 'nestjs') return nestCover(route, read);
    const fastify = route.framework === 'fastify' ? fastifyCover(route, read.input) : undefined;
    if (fastify) return fastify;
    const params = route.path?.match(/:\w+[({]?/g) ?? [];
    if ((read.input === 'params' || read.input === 'param') && params.length > 0 && params.every((param) => /[({]$/.test(param))) {
      return 'route pattern';
    }
    const middleware = route.middlewares.find((candidate) => {
      if (!isValidatingMiddleware(candidate)) return false;
      const target = route.framework === 'hono' && candidate.type === 'CallExpression' ? staticString(candidate.arguments[0]) : undefined;
      return target === undefined || target === HONO_TARGETS[read.input];
    });
    return middleware ? `middleware ${text(middleware)}` : undefined;
  }

  let globalPipe: boolean | undefined;
  function hasGlobalPipe(): boolean {
    globalPipe ??= options.assumeGlobalValidationPipe ?? options.globalValidationPipe?.() !== undefined;
    return globalPipe;
  }

  function isChecked(read: InputRead): boolean {
    if (['params', 'param', 'Param'].includes(read.input)) return options.checkParams !== false;
    return read.input !== 'headers' || options.checkHeaders !== false;
  }

  function valueValidation(route: RouteHandler): ValueValidation[] {
    return findInputReads(sourceCode, route).map((read) => ({ read, evaluate: () => evaluate(read) }));
  }

  function evaluate(read: InputRead): { verdict: Verdict; by: string | undefined } {
    const { verdict, by } = readValidation(read);
    return { verdict, by: by ? `${library ? `${library}: ` : ''}${text(by.callee)}()` : undefined };
  }

  function validationOf(route: RouteHandler, handlerFile?: RouteValidation): { unvalidated: InputRead | undefined; validatedBy: string | null } {
    if (route.hasOpaqueMiddleware) return { unvalidated: undefined, validatedBy: 'middleware (spread, not visible)' };
    const asserted = new Set<string>();
    const by: string[] = [];
    for (const value of (handlerFile ?? self).valueValidation(route)) {
      const read = value.read;
      if (!isChecked(read) || asserted.has(read.label)) continue;
      const cover = routeCover(route, read) ?? (!options.checkIdParams && isOpaqueIdRead(read) ? OPAQUE_ID : undefined);
      if (cover) {
        by.push(cover);
        continue;
      }
      const { verdict, by: validator } = value.evaluate();
      if (verdict === 'unvalidated') return { unvalidated: read, validatedBy: null };
      if (verdict === 'asserted') asserted.add(read.label);
      if (validator) by.push(validator);
    }
    if (by.length === 0) {
      // No input read is covered by name, yet the route declares its validation (`zValidator` + `c.req.valid()`).
      const middleware = route.middlewares.find((candidate) => isValidatingMiddleware(candidate));
      const schema = route.options && propertyNamed(route.options, 'schema')?.value;
      if (middleware) by.push(`middleware ${text(middleware)}`);
      else if (schema) by.push(`fastify schema ${text(schema)}`);
    }
    const unique = [...new Set(by)];
    return { unvalidated: undefined, validatedBy: unique.length > 0 ? unique.join(', ') : null };
  }

  const self: RouteValidation = { unvalidatedRead: (route) => validationOf(route).unvalidated, validationOf, valueValidation };
  return self;
}

/** The schema library the file imports (`zod`, `valibot`, …), for labels; the first one found. */
function schemaLibraryOf(sourceCode: TSESLint.SourceCode): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const found = SCHEMA_LIBRARIES.find(([pattern]) => pattern.test(statement.source.value));
    if (found) return found[1];
  }
  return undefined;
}
