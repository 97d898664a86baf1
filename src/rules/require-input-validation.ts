import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../util/create-rule.js';
import { createInputValidation } from './utils/input-validation.js';
import {
  calleeName,
  collectRouteHandlers,
  findInputReads,
  nestDecoratorName,
  nestReferencesOf,
  propertyNamed,
  resolveInit,
  staticString,
  type InputRead,
  type RouteHandler,
} from './utils/route-handlers.js';

type Options = [
  {
    validatorMiddlewares?: string[];
    validationFunctions?: string[];
    checkParams?: boolean;
    checkHeaders?: boolean;
    assumeGlobalValidationPipe?: boolean;
  },
];
type MessageIds = 'unvalidatedInput' | 'unvalidatedNestInput';

const HONO_TARGETS: Record<string, string> = { json: 'json', parseBody: 'form', formData: 'form', query: 'query', queries: 'query', param: 'param' };
const FASTIFY_KEYS: Record<string, string[]> = { body: ['body'], query: ['querystring', 'query'], params: ['params'], headers: ['headers'] };
const NOT_DTO_TYPES = new Set(['Record', 'Partial', 'Pick', 'Omit', 'Array', 'Readonly', 'Required', 'Map', 'Set', 'Object', 'String', 'Number', 'Boolean']);

/** Body readers that return a promise: the example in the message awaits them. */
const ASYNC_BODY_READS = /\.(json|formData|parseBody|text|arrayBuffer|blob)\(\)$/;

export default createRule<Options, MessageIds>({
  name: 'require-input-validation',
  meta: {
    type: 'problem',
    docs: { description: 'Require request input to be validated with a schema before route handlers use it', recommended: true },
    messages: {
      unvalidatedInput:
        '`{{input}}` reaches the handler without validation; parse it with a schema (e.g. `schema.parse({{parsed}})`) or add a validation middleware before the handler (your own validators: `validatorMiddlewares`, `validationFunctions`).',
      unvalidatedNestInput:
        '`{{input}}` reaches the handler without validation; give it a validation pipe (e.g. `new ValidationPipe()` or `@UsePipes(…)`) or parse it with a schema (a global ValidationPipe: `assumeGlobalValidationPipe: true`).',
    },
    defaultOptions: [{ validatorMiddlewares: [], validationFunctions: [], checkParams: true, checkHeaders: true, assumeGlobalValidationPipe: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          validatorMiddlewares: { description: 'More names of route middleware that validate the request (added to the built-in ones).', type: 'array', items: { type: 'string' } },
          validationFunctions: { description: 'More names of functions or methods that validate the value passed to them (added to the built-in ones).', type: 'array', items: { type: 'string' } },
          checkParams: { description: 'Check route parameters (`req.params`, `c.req.param()`, `@Param()`).', type: 'boolean' },
          checkHeaders: { description: 'Check request headers (`req.headers`).', type: 'boolean' },
          assumeGlobalValidationPipe: { description: 'NestJS: assume `app.useGlobalPipes(new ValidationPipe())`, so class-typed `@Body()`/`@Query()` DTOs are validated.', type: 'boolean' },
        },
      },
    ],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const { isValidatingMiddleware, readVerdict } = createInputValidation(sourceCode, options);

    function fastifyCovers(route: RouteHandler, input: string): boolean {
      const routeOptions = route.options;
      if (!routeOptions) return false;
      for (const hook of ['preValidation', 'preHandler', 'onRequest']) {
        const value = propertyNamed(routeOptions, hook)?.value;
        if (value && isValidatingMiddleware(value)) return true;
      }
      const written = propertyNamed(routeOptions, 'schema')?.value;
      if (!written) return false;
      const schema: TSESTree.Node = resolveInit(sourceCode, written) ?? written;
      if (schema.type !== 'ObjectExpression') return true; // a schema we can't see: trust it
      if (schema.properties.some((property) => property.type === 'SpreadElement')) return true;
      return (FASTIFY_KEYS[input] ?? []).some((key) => propertyNamed(schema, key));
    }

    function nestCovers(route: RouteHandler, read: InputRead): boolean {
      const decorator = read.node as TSESTree.Decorator;
      const args = decorator.expression.type === 'CallExpression' ? decorator.expression.arguments : [];
      if (args.some((argument) => staticString(argument) === undefined)) return true; // @Body(new ValidationPipe()), @Param('id', ParseUUIDPipe)
      const nest = nestReferencesOf(sourceCode);
      const classNode = route.node.parent?.parent;
      const decorators = [...(route.node as TSESTree.MethodDefinition).decorators, ...(classNode && 'decorators' in classNode ? classNode.decorators : [])];
      const piped = decorators.some(
        (candidate) =>
          nestDecoratorName(candidate, nest) === 'UsePipes' &&
          candidate.expression.type === 'CallExpression' &&
          candidate.expression.arguments.some((pipe) => /valid|zod|schema|parse/i.test(calleeName(pipe) ?? '')),
      );
      if (piped || !options.assumeGlobalValidationPipe || read.input === 'Param') return piped;
      const param = read.value.type === 'AssignmentPattern' ? read.value.left : read.value;
      const annotation = param.type === 'Identifier' ? param.typeAnnotation : undefined;
      const type = annotation?.typeAnnotation;
      if (type?.type !== 'TSTypeReference') return false;
      if (type.typeName.type !== 'Identifier') return true;
      const name = type.typeName.name;
      const declaredAsType = sourceCode.ast.body.some((statement) => {
        const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
        return (declaration?.type === 'TSInterfaceDeclaration' || declaration?.type === 'TSTypeAliasDeclaration') && declaration.id.name === name;
      });
      return !declaredAsType && !NOT_DTO_TYPES.has(name);
    }

    function routeCovers(route: RouteHandler, read: InputRead): boolean {
      if (route.framework === 'nestjs') return nestCovers(route, read);
      if (route.framework === 'fastify' && fastifyCovers(route, read.input)) return true;
      const params = route.path?.match(/:\w+[({]?/g) ?? [];
      if ((read.input === 'params' || read.input === 'param') && params.length > 0 && params.every((param) => /[({]$/.test(param))) return true;
      return route.middlewares.some((middleware) => {
        if (!isValidatingMiddleware(middleware)) return false;
        const target = route.framework === 'hono' && middleware.type === 'CallExpression' ? staticString(middleware.arguments[0]) : undefined;
        return target === undefined || target === HONO_TARGETS[read.input];
      });
    }

    function isChecked(read: InputRead): boolean {
      if (['params', 'param', 'Param'].includes(read.input)) return options.checkParams !== false;
      return read.input !== 'headers' || options.checkHeaders !== false;
    }

    return {
      'Program:exit'() {
        const reported = new Set<TSESTree.Node>();
        for (const route of collectRouteHandlers(sourceCode, context.filename)) {
          if (route.hasOpaqueMiddleware) continue;
          const asserted = new Set<string>();
          const read = findInputReads(sourceCode, route).find((candidate) => {
            if (!isChecked(candidate) || asserted.has(candidate.label) || routeCovers(route, candidate)) return false;
            const verdict = readVerdict(candidate);
            if (verdict === 'asserted') asserted.add(candidate.label);
            return verdict === 'unvalidated';
          });
          if (!read || reported.has(read.node)) continue;
          reported.add(read.node);
          context.report({
            node: read.node,
            messageId: route.framework === 'nestjs' ? 'unvalidatedNestInput' : 'unvalidatedInput',
            data: { input: read.label, parsed: ASYNC_BODY_READS.test(read.label) ? `await ${read.label}` : read.label },
          });
        }
      },
    };
  },
});
