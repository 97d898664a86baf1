import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { createRule } from '../util/create-rule.js';
import {
  calleeName,
  collectRouteHandlers,
  findInputReads,
  memberName,
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
/** `asserted`: validated in place (`validate(x)`, result unused), so later reads of the same value are covered. */
type Verdict = 'validated' | 'asserted' | 'unvalidated' | 'neutral';

/** Route middleware that validates (plus names starting with `validate` or ending with `Validator`). */
const VALIDATOR_MIDDLEWARES = ['celebrate', 'checkSchema', 'validator', 'zValidator', 'tbValidator', 'vValidator', 'sValidator'];
/** `schema.parse(x)` (zod), `schema.validate(x)` (yup/joi/ajv), `C.Check(x)` / `Value.Parse(T, x)` (typebox), … */
const METHOD_VALIDATORS = ['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'validate', 'validateSync', 'validateAsync', 'validateOrReject', 'check', 'Check', 'Parse', 'Decode', 'assert', 'assertEquals', 'is', 'constructEvent', 'constructEventAsync'];
/** `parse(schema, x)` (valibot), `validate(x)` (ajv compiled / class-validator), `check(x)` (typebox compiled). */
const FUNCTION_VALIDATORS = ['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'validate', 'validateSync', 'validateOrReject', 'check', 'is'];
/** Objects whose `parse` is not a schema: `JSON.parse(req.body)` is not validation. */
const NOT_SCHEMAS = new Set(['JSON', 'Date', 'qs', 'querystring', 'url', 'URL', 'path', 'Number', 'Math', 'Buffer', 'Intl', 'BigInt']);
/** Calls that hand their input on unchanged in meaning: `plainToInstance(Dto, req.body)` then `validate(dto)`. */
const PASS_THROUGH = new Set(['plainToInstance', 'plainToClass', 'fromEntries', 'structuredClone']);
const HONO_TARGETS: Record<string, string> = { json: 'json', parseBody: 'form', formData: 'form', query: 'query', queries: 'query', param: 'param' };
const FASTIFY_KEYS: Record<string, string[]> = { body: ['body'], query: ['querystring', 'query'], params: ['params'], headers: ['headers'] };
const EXPRESS_VALIDATOR = ['body', 'query', 'param', 'header', 'cookie', 'check', 'checkSchema', 'checkExact', 'oneOf'];
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
        '`{{input}}` reaches the handler without validation; parse it with a schema (e.g. `schema.parse({{parsed}})`) or add a validation middleware before the handler.',
      unvalidatedNestInput:
        '`{{input}}` reaches the handler without validation; give it a validation pipe (e.g. `new ValidationPipe()` or `@UsePipes(…)`) or parse it with a schema.',
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
    const middlewareNames = new Set([...VALIDATOR_MIDDLEWARES, ...(options.validatorMiddlewares ?? [])]);
    const methodNames = new Set([...METHOD_VALIDATORS, ...(options.validationFunctions ?? [])]);
    const functionNames = new Set([...FUNCTION_VALIDATORS, ...(options.validationFunctions ?? [])]);
    let expressValidator: Set<TSESTree.Node> | undefined;

    function isValidatingMiddleware(node: TSESTree.Node): boolean {
      if (node.type === 'ArrayExpression') return node.elements.some((element) => element !== null && isValidatingMiddleware(element));
      const name = calleeName(node);
      if (name && (middlewareNames.has(name) || /^validate/.test(name) || /Validator$/.test(name))) return true;
      if (!expressValidator) {
        const scope = sourceCode.scopeManager?.globalScope;
        const call = { [ASTUtils.ReferenceTracker.CALL]: true };
        const traceMap = { 'express-validator': { [ASTUtils.ReferenceTracker.ESM]: true, ...Object.fromEntries(EXPRESS_VALIDATOR.map((key) => [key, call])) } };
        expressValidator = new Set(scope ? [...new ASTUtils.ReferenceTracker(scope).iterateEsmReferences(traceMap)].map((found) => found.node) : []);
      }
      // body('email').isEmail(): the chain starts at an express-validator call
      let root: TSESTree.Node = node;
      while (!expressValidator.has(root) && root.type === 'CallExpression' && root.callee.type === 'MemberExpression') root = root.callee.object;
      return expressValidator.has(root);
    }

    function isValidationCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = call.callee;
      if (call.type === 'NewExpression') return false;
      if (callee.type === 'Identifier') return functionNames.has(callee.name) || /^validate[A-Z]/.test(callee.name);
      if (callee.type !== 'MemberExpression') return false;
      const name = memberName(callee);
      return !!name && methodNames.has(name) && !(callee.object.type === 'Identifier' && NOT_SCHEMAS.has(callee.object.name));
    }

    /** A check-style validator, or a validation whose result is dropped: the value itself is now trusted. */
    function isAssertion(call: TSESTree.CallExpression): boolean {
      if (/^(validate|check|Check|is$|assert)/.test(calleeName(call.callee) ?? '')) return true;
      const parent = call.parent.type === 'AwaitExpression' ? call.parent.parent : call.parent;
      return parent.type === 'ExpressionStatement';
    }

    function combine(verdicts: Verdict[]): Verdict {
      if (verdicts.includes('unvalidated')) return 'unvalidated';
      return verdicts.some((verdict) => verdict === 'validated' || verdict === 'asserted') ? 'validated' : 'neutral';
    }

    /** Every read of the variables, in order, until one asserts the value. */
    function variablesVerdict(variables: readonly TSESLint.Scope.Variable[], depth: number): Verdict {
      const references = variables
        .flatMap((variable) => variable.references.filter((reference) => reference.isRead()))
        .sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
      const verdicts: Verdict[] = [];
      for (const reference of references) {
        verdicts.push(verdictOf(reference.identifier, depth + 1));
        if (verdicts.at(-1) === 'asserted') break;
      }
      return combine(verdicts);
    }

    /** Where the value of `node` goes: into a validation call, into logic, or only into a presence check. */
    function verdictOf(node: TSESTree.Node, depth = 0): Verdict {
      if (depth > 5) return 'unvalidated';
      let current = node;
      for (;;) {
        const parent = current.parent;
        if (!parent) return 'unvalidated';
        switch (parent.type) {
          case 'AwaitExpression':
          case 'TSAsExpression':
          case 'TSNonNullExpression':
          case 'TSSatisfiesExpression':
          case 'TSTypeAssertion':
          case 'ChainExpression':
          case 'ObjectExpression':
          case 'ArrayExpression':
          case 'SpreadElement':
            current = parent;
            continue;
          case 'Property':
            if (parent.value !== current || parent.parent.type !== 'ObjectExpression') return 'unvalidated';
            current = parent;
            continue;
          case 'MemberExpression':
            if (parent.object !== current) return 'unvalidated';
            if (parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
              if (memberName(parent) !== 'entries') return 'unvalidated';
              current = parent.parent;
              continue;
            }
            current = parent;
            continue;
          case 'CallExpression':
          case 'NewExpression':
            if (!parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return 'unvalidated';
            if (isValidationCall(parent)) return parent.type === 'CallExpression' && isAssertion(parent) ? 'asserted' : 'validated';
            if (!PASS_THROUGH.has(calleeName(parent.callee) ?? '')) return 'unvalidated';
            current = parent;
            continue;
          case 'VariableDeclarator':
            if (parent.init !== current) return 'unvalidated';
            return variablesVerdict(sourceCode.getDeclaredVariables(parent), depth);
          case 'UnaryExpression':
            return parent.operator === '!' || parent.operator === 'typeof' ? 'neutral' : 'unvalidated';
          case 'IfStatement':
            return parent.test === current ? 'neutral' : 'unvalidated';
          default:
            return 'unvalidated';
        }
      }
    }

    function readVerdict(read: InputRead): Verdict {
      const value = read.value.type === 'AssignmentPattern' ? read.value.left : read.value;
      if (value.type === 'Identifier') {
        const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
        return variable ? variablesVerdict([variable], 0) : 'unvalidated';
      }
      const isValue = value.type === 'MemberExpression' || value.type === 'CallExpression';
      return isValue ? verdictOf(value) : 'unvalidated';
    }

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
