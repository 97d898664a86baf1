import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../util/create-rule.js';
import { collectRouteHandlers, memberName, staticString, type FunctionNode } from './utils/route-handlers.js';
import { findGlobalValidationPipe } from './utils/global-validation-pipe.js';
import { exits } from './utils/input-validation.js';
import { createRouteValidation } from './utils/route-validation.js';

type Options = [
  {
    validatorMiddlewares?: string[];
    validationFunctions?: string[];
    checkParams?: boolean;
    checkHeaders?: boolean;
    assumeGlobalValidationPipe?: boolean;
    checkIdParams?: boolean;
  },
];
type MessageIds = 'unvalidatedInput' | 'unvalidatedNestInput';

/** Environments an endpoint may be limited to without being exposed: `NODE_ENV !== 'test'` → 404. */
const TEST_ENVIRONMENTS = /^(?:test|testing|e2e|ci|development|dev|local)$/;

/** `process.env.NAME`. */
function isEnvRead(node: TSESTree.Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'MemberExpression' &&
    memberName(node.object) === 'env' &&
    node.object.object.type === 'Identifier' &&
    node.object.object.name === 'process'
  );
}

/**
 * A test-only endpoint: the handler starts with `if (process.env.NODE_ENV !== 'test') throw/return …` (or
 * `=== 'production'`), so it does not exist where requests come from outside.
 */
function isTestOnly(handler: FunctionNode): boolean {
  const first = handler.body.type === 'BlockStatement' ? handler.body.body[0] : undefined;
  if (first?.type !== 'IfStatement') return false;
  const test = first.test;
  if (!exits(first.consequent) || test.type !== 'BinaryExpression') return false;
  const [env, value] = isEnvRead(test.left) ? [test.left, test.right] : [test.right, test.left];
  const expected = staticString(value);
  if (!isEnvRead(env) || expected === undefined) return false;
  if (test.operator === '!==' || test.operator === '!=') return TEST_ENVIRONMENTS.test(expected);
  return (test.operator === '===' || test.operator === '==') && expected === 'production';
}

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
        '`{{input}}` reaches the handler without validation; give it a validation pipe (e.g. `new ValidationPipe()` or `@UsePipes(…)`) or parse it with a schema (a global ValidationPipe this rule cannot find from the nearest package.json: `assumeGlobalValidationPipe: true`).',
    },
    defaultOptions: [{ validatorMiddlewares: [], validationFunctions: [], checkParams: true, checkHeaders: true, checkIdParams: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          validatorMiddlewares: { description: 'More names of route middleware that validate the request (added to the built-in ones).', type: 'array', items: { type: 'string' } },
          validationFunctions: { description: 'More names of functions or methods that validate the value passed to them (added to the built-in ones).', type: 'array', items: { type: 'string' } },
          checkParams: { description: 'Check route parameters (`req.params`, `c.req.param()`, `@Param()`).', type: 'boolean' },
          checkHeaders: { description: 'Check request headers (`req.headers`).', type: 'boolean' },
          assumeGlobalValidationPipe: {
            description:
              'NestJS: `true` assumes a global ValidationPipe (class-typed `@Body()`/`@Query()`/`@Param()` DTOs are validated), `false` assumes none; unset, the rule looks for `useGlobalPipes(new …ValidationPipe())` or an `APP_PIPE` provider in the bootstrap and module files of the nearest package.json.',
            type: 'boolean',
          },
          checkIdParams: {
            description: 'Also report a path parameter, or a query-string field named as an id, used as an opaque id (`@Param(\'id\') id: string`, `req.params.id`, `@Query(\'userId\')` passed to a lookup).',
            type: 'boolean',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const routes = createRouteValidation(context.sourceCode, { ...options, filename: context.filename, globalValidationPipe: () => findGlobalValidationPipe(context.filename) });

    return {
      'Program:exit'() {
        const reported = new Set<TSESTree.Node>();
        for (const route of collectRouteHandlers(context.sourceCode, context.filename)) {
          if (isTestOnly(route.handler)) continue;
          const read = routes.unvalidatedRead(route);
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
