// Is request input validated? What counts as a validator, and where the value of an input read goes.
//
//   validation calls   schema.parse(x), schema.safeParse(x) (zod), schema.validate(x) (yup / joi / ajv), C.Check(x),
//                      Value.Parse(T, x) (typebox), parse(schema, x) (valibot), validate(x), validateUser(x),
//                      stripe.webhooks.constructEvent(…); not JSON.parse(x), Number.parseInt(x), url.parse(x)
//   middleware         celebrate(…), zValidator('json', s), checkSchema(…), validateBody(s), bodyValidator, express-
//                      validator chains (`body('email').isEmail()`), arrays of them
//   value flow         a read is validated when its value reaches a validation call, through `await`, casts, object
//                      and array literals, `Object.entries`, pass-through calls (`plainToInstance(Dto, req.body)`) and
//                      variables; a presence check (`if (!req.body)`) is neutral; any other use is unvalidated
//
// Usage (one per file):
//   const validation = createInputValidation(context.sourceCode, { validationFunctions, validatorMiddlewares });
//   validation.readVerdict(read) // 'validated' | 'asserted' | 'unvalidated' | 'neutral'
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { calleeName, memberName, staticString, type InputRead } from './route-handlers.js';
import { selfValidatingField } from './self-validating-class.js';
import { isCheckedNumber, isConverter, isNumberConversion, localCallee, ternaryGuard, type FunctionLike } from './value-checks.js';

/**
 * Where a read's value goes. `validated`: into a validator; `asserted`: into a check-style validator or one whose
 * result is dropped (`validate(x)`), so later reads of the same value are covered; `unvalidated`: into logic before
 * any validator; `neutral`: only into presence checks.
 */
export type Verdict = 'validated' | 'asserted' | 'unvalidated' | 'neutral';

export interface ValidatorNames {
  /** More names of route middleware that validate (added to the built-in ones). */
  validatorMiddlewares?: readonly string[];
  /** More names of functions or methods that validate the value passed to them (added to the built-in ones). */
  validationFunctions?: readonly string[];
}

export interface InputValidation {
  /** A route middleware (or an array holding one) that validates the request. */
  isValidatingMiddleware(node: TSESTree.Node): boolean;
  /** A call that validates its arguments (`schema.parse(x)`, `validate(x)`); never a `new` expression. */
  isValidationCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /**
   * A path parameter read as one opaque id (`@Param('id') id: string`, `req.params.id`, `const { slug } = req.params`,
   * `c.req.param('id')`, Remix `params.id`) whose value only reaches call arguments (a lookup), comparisons and
   * presence checks; not when it reaches a file path, a redirect, a shell, raw SQL, string building or parsing.
   */
  isOpaqueIdRead(read: InputRead): boolean;
  /** Where the value of an input read goes: the verdict over every use of it, in source order. */
  readVerdict(read: InputRead): Verdict;
  /** `readVerdict`, plus the first validation call the value reached (`createUserSchema.parse(req.body)`). */
  readValidation(read: InputRead): { verdict: Verdict; by: TSESTree.CallExpression | undefined };
}

/** Route middleware that validates (plus names starting with `validate` or ending with `Validator`). */
const VALIDATOR_MIDDLEWARES = ['celebrate', 'checkSchema', 'validator', 'zValidator', 'tbValidator', 'vValidator', 'sValidator'];
/** `schema.parse(x)` (zod), `schema.validate(x)` (yup/joi/ajv), `C.Check(x)` / `Value.Parse(T, x)` (typebox), … */
const METHOD_VALIDATORS = ['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'validate', 'validateSync', 'validateAsync', 'validateOrReject', 'check', 'Check', 'Parse', 'Decode', 'assert', 'assertEquals', 'is', 'constructEvent', 'constructEventAsync'];
/** `parse(schema, x)` (valibot), `validate(x)` (ajv compiled / class-validator), `check(x)` (typebox compiled), conform's `parseWithZod(formData, { schema })`. */
const FUNCTION_VALIDATORS = ['parseWithZod', 'parseWithValibot', 'parseWithYup', 'parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'validate', 'validateSync', 'validateOrReject', 'check', 'is'];
/** Objects whose `parse` is not a schema: `JSON.parse(req.body)` is not validation. */
const NOT_SCHEMAS = new Set(['JSON', 'Date', 'qs', 'querystring', 'url', 'URL', 'path', 'Number', 'Math', 'Buffer', 'Intl', 'BigInt']);
/** Calls that hand their input on unchanged in meaning: `plainToInstance(Dto, req.body)` then `validate(dto)`. */
const PASS_THROUGH = new Set(['plainToInstance', 'plainToClass', 'fromEntries', 'structuredClone']);
/** Calls an id must not reach unchecked: file paths, redirects, shells, raw SQL, code, outbound URLs. */
const UNSAFE_SINKS = new Set(['join', 'resolve', 'normalize', 'readFile', 'readFileSync', 'createReadStream', 'writeFile', 'writeFileSync', 'unlink', 'rm', 'rmSync', 'sendFile', 'download', 'redirect', 'exec', 'execSync', 'execFile', 'spawn', 'spawnSync', 'eval', 'Function', 'require', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'fetch', 'parse', 'parseInt', 'parseFloat', 'Number', 'BigInt', 'Date']);
const COMPARISONS = new Set(['===', '!==', '==', '!=']);
const ID_PREDICATES = new Set(['startsWith', 'endsWith', 'includes']);
/** Guards that look at a value without consuming it: `await checkHoneypot(formData)`, `assertAllowed(body)`. */
const GUARD = /^(?:check|verify|assert|ensure)[A-Z]/;
const PARAM_INPUTS = new Set(['params', 'param', 'Param']);
/** Query-string keys that name an id: `id`, `userId`, `team_id`. */
const ID_KEY = /^(?:id|[a-z][A-Za-z0-9]*Id|[a-z][a-z0-9]*_id)$/;
const EXPRESS_VALIDATOR = ['body', 'query', 'param', 'header', 'cookie', 'check', 'checkSchema', 'checkExact', 'oneOf'];

function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('unvalidated')) return 'unvalidated';
  return verdicts.some((verdict) => verdict === 'validated' || verdict === 'asserted') ? 'validated' : 'neutral';
}

/** A check-style validator, or a validation whose result is dropped: the value itself is now trusted. */
function isAssertion(call: TSESTree.CallExpression): boolean {
  if (/^(validate|check|Check|is$|assert)/.test(calleeName(call.callee) ?? '')) return true;
  const parent = call.parent.type === 'AwaitExpression' ? call.parent.parent : call.parent;
  return parent.type === 'ExpressionStatement';
}

/** Token checks: `jwt.verify(token, key)`, `verifyPresignToken({ token })`, `decryptSecondaryData(d)` reject a forged value. */
const TOKEN_CHECK = /^(?:verify|decrypt)(?:[A-Z]|$)/;
/** Form and query fields: `formData.get('key')`, `searchParams.get('page')` hand on one field's value. */
const FIELD_READS = new Set(['get', 'getAll']);
/** Guard calls whose first argument is the condition: `invariant(ok, msg)`, `invariantResponse(ok, msg, 400)`, `assert(ok)`. */
const INVARIANT = /^(?:invariant|assert)/i;
/** Allowlist and predicate checks: `allowed.includes(x)`, `set.has(x)`, `isValidSlug(x)`, `isUUID(x)`. */
const ALLOWLIST_METHODS = new Set(['includes', 'has']);
const PREDICATE = /^is[A-Z]/;
/** Helpers that throw by name: `throwHTTPErr`, `throwError`, `throwBadRequest`. */
const THROWER = /^throw(?:[A-Z]|$)/;

/** `/o/${slug}`: a template starting with a fixed `/segment/` of this app (not `//host`, not `${base}/…`). */
function isAppPath(template: TSESTree.TemplateLiteral): boolean {
  return /^\/[\w-]+\//.test(template.quasis[0]?.value.cooked ?? '');
}

/** A statement that leaves the handler: `throw …`, `return …`, or a block ending in one. */
export function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === 'ThrowStatement' || statement.type === 'ReturnStatement') return true;
  // throwHTTPErr({ … }), throwError(…): a helper named for throwing, called as a statement
  if (statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression') return THROWER.test(calleeName(statement.expression.callee) ?? '');
  if (statement.type === 'BlockStatement') {
    const last = statement.body.at(-1);
    return !!last && exits(last);
  }
  return false;
}

/**
 * Is `check` (a type check or allowlist test of the value, `negated` when it tests for the bad case) a guard that
 * rejects the request? `if (typeof x !== 'string' || …) throw/return …`, `if (!allowed.includes(x)) return …`,
 * `invariant(typeof x === 'string', …)`. A mention in any other position (`if (typeof x === 'string') use(x)`, a
 * ternary, a log line) rejects nothing.
 */
function isRejectingGuard(check: TSESTree.Node, negated: boolean): boolean {
  let current = check;
  let parent = current.parent;
  // `!a.includes(x)`: the negation belongs to the check
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
    negated = !negated;
    current = parent;
    parent = current.parent;
  }
  // a bad case joined with `||` still rejects on its own; a good case with `&&` still must hold
  while (parent?.type === 'LogicalExpression' && parent.operator === (negated ? '||' : '&&')) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return false;
  if (negated) return parent.type === 'IfStatement' && parent.test === current && exits(parent.consequent);
  return parent.type === 'CallExpression' && parent.arguments[0] === current && INVARIANT.test(calleeName(parent.callee) ?? '');
}

/** `typeof x !== 'string'` around a `typeof x`: the comparison, and whether it tests for the bad case; else undefined. */
function typeComparison(typeofNode: TSESTree.UnaryExpression): { check: TSESTree.Node; negated: boolean } | undefined {
  const comparison = typeofNode.parent;
  if (comparison?.type !== 'BinaryExpression' || !COMPARISONS.has(comparison.operator)) return undefined;
  const other = comparison.left === typeofNode ? comparison.right : comparison.left;
  if (staticString(other) === undefined) return undefined;
  return { check: comparison, negated: comparison.operator.startsWith('!') };
}

/**
 * Creates the validator recognition for one file; express-validator imports are traced once, on first use.
 * `filename` (absolute) lets it follow `XCommand.create({ … })` to a command class that validates itself.
 */
export function createInputValidation(sourceCode: Readonly<TSESLint.SourceCode>, names: ValidatorNames = {}, filename?: string): InputValidation {
  const middlewareNames = new Set([...VALIDATOR_MIDDLEWARES, ...(names.validatorMiddlewares ?? [])]);
  const methodNames = new Set([...METHOD_VALIDATORS, ...(names.validationFunctions ?? [])]);
  const functionNames = new Set([...FUNCTION_VALIDATORS, ...(names.validationFunctions ?? [])]);
  let expressValidator: Set<TSESTree.Node> | undefined;
  /** Validation calls met by the running `readValidation`, in the order the value reached them. */
  let validators: TSESTree.CallExpression[] | undefined;
  /** How many local helpers the running verdict is inside (followed one level only). */
  let helperDepth = 0;

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

  /** `XCommand.create({ field: value })` where the command class validates `field` when it is built. */
  function isSelfValidating(call: TSESTree.CallExpression, argument: TSESTree.Node, field: string | undefined): boolean {
    const callee = call.callee;
    if (!filename || field === undefined || argument.type !== 'ObjectExpression' || call.arguments[0] !== argument) return false;
    if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.computed || callee.property.type !== 'Identifier') return false;
    return selfValidatingField(sourceCode.ast, filename, callee.object.name, callee.property.name, field);
  }

  function isValidationCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = call.callee;
    if (call.type === 'NewExpression') return false;
    if (callee.type === 'Identifier') return functionNames.has(callee.name) || /^validate[A-Z]/.test(callee.name);
    if (callee.type !== 'MemberExpression') return false;
    const name = memberName(callee);
    return !!name && methodNames.has(name) && !(callee.object.type === 'Identifier' && NOT_SCHEMAS.has(callee.object.name));
  }

  /** Every read of the variables, in order, until one asserts the value. */
  function variablesVerdict(variables: readonly TSESLint.Scope.Variable[], depth: number): Verdict {
    const references = variables
      .flatMap((variable) => variable.references.filter((reference) => reference.isRead()))
      .sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
    const verdicts: Verdict[] = [];
    for (const reference of references) {
      verdicts.push((reference.identifier.type === 'Identifier' ? ternaryGuard(reference.identifier) : undefined) ?? verdictOf(reference.identifier, depth + 1));
      if (verdicts.at(-1) === 'asserted') break;
    }
    return combine(verdicts);
  }

  /** Where the value of `node` goes: into a validation call, into logic, or only into a presence check. */
  function verdictOf(node: TSESTree.Node, depth = 0): Verdict {
    if (depth > 5) return 'unvalidated';
    let current = node;
    /** The key of the outermost object literal property the value sits in: `Command.create({ key: value })`. */
    let field: string | undefined;
    /** Past a member or a form field: a guard on it trusts that part only, not the rest of the value. */
    let narrowed = false;
    const guarded = (): Verdict => (narrowed ? 'validated' : 'asserted');
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
        case 'LogicalExpression':
          // `searchParams.get('token') || ''`, `formData.get('instance') ?? fallback`: the value goes on
          if (parent.operator === '&&' && parent.left === current) return 'neutral';
          current = parent;
          continue;
        case 'Property':
          if (parent.value !== current || parent.parent.type !== 'ObjectExpression') return 'unvalidated';
          field = parent.computed ? staticString(parent.key) : parent.key.type === 'Identifier' ? parent.key.name : staticString(parent.key);
          current = parent;
          continue;
        case 'MemberExpression':
          if (parent.object !== current) return 'unvalidated';
          if (parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
            const method = memberName(parent) ?? '';
            // formData.get('key'): follow that one field's value
            const key = parent.parent.arguments[0];
            // a key written in the call, or a helper's parameter: getStringFormValue(formData, 'k') → formData.get(key)
            const isField = FIELD_READS.has(method) && parent.parent.arguments.length === 1 && (staticString(key) !== undefined || key?.type === 'Identifier');
            if (method !== 'entries' && !isField) return 'unvalidated';
            narrowed ||= isField;
            current = parent.parent;
            continue;
          }
          narrowed = true;
          current = parent;
          continue;
        case 'CallExpression':
        case 'NewExpression':
          if (!parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return 'unvalidated';
          if (isValidationCall(parent)) {
            if (parent.type === 'CallExpression') validators?.push(parent);
            return parent.type === 'CallExpression' && isAssertion(parent) ? 'asserted' : 'validated';
          }
          if (parent.type === 'CallExpression') {
            const name = calleeName(parent.callee) ?? '';
            if (TOKEN_CHECK.test(name) || isSelfValidating(parent, current, field)) {
              validators?.push(parent);
              // a verified token is trusted from here on; a command validates only the copy it builds
              return TOKEN_CHECK.test(name) ? guarded() : 'validated';
            }
            const allowlist = parent.callee.type === 'MemberExpression' && ALLOWLIST_METHODS.has(name) && parent.arguments[0] === current;
            if ((allowlist || (parent.callee.type === 'Identifier' && PREDICATE.test(name))) && isRejectingGuard(parent, false)) return guarded();
            if (parent.callee.type === 'Identifier' && GUARD.test(name)) return 'neutral';
            if (name === 'isArray' && parent.callee.type === 'MemberExpression' && parent.callee.object.type === 'Identifier' && parent.callee.object.name === 'Array') return 'neutral';
            if (parent.arguments[0] === current && isNumberConversion(parent)) {
              // Number(x) then `if (Number.isNaN(n)) return 400`; else the number's own uses decide
              if (!isCheckedNumber(sourceCode, parent, isRejectingGuard)) {
                current = parent;
                continue;
              }
              validators?.push(parent);
              return 'validated';
            }
            const helper = helperDepth === 0 ? localCallee(sourceCode, parent) : undefined;
            if (helper) {
              // one call level into a function of this file: it checks the value, or reshapes it and hands it back
              const verdict = helperVerdict(helper, parent.arguments.indexOf(current as TSESTree.CallExpressionArgument), field, depth);
              if (verdict === 'validated' || verdict === 'asserted') return 'validated';
              // the helper only looks at it (or does not take it: `signOut({ request })` of `{ request, formData }`)
              if (verdict === 'neutral') return 'neutral';
              if (!isConverter(sourceCode, helper)) return 'unvalidated';
              current = parent;
              continue;
            }
          }
          if (!PASS_THROUGH.has(calleeName(parent.callee) ?? '')) return 'unvalidated';
          current = parent;
          continue;
        case 'VariableDeclarator':
          if (parent.init !== current) return 'unvalidated';
          return variablesVerdict(sourceCode.getDeclaredVariables(parent), depth);
        case 'BinaryExpression': {
          // formData.get('intent') === 'delete': an allowlist of one when it rejects, else a look that hands nothing on
          const other = parent.left === current ? parent.right : parent.left;
          if (!COMPARISONS.has(parent.operator)) return 'unvalidated';
          // if (verified.documentId !== id) throw …: the id is bound to what a verified token says
          if (isVerifiedValue(other)) return isRejectingGuard(parent, parent.operator.startsWith('!')) ? guarded() : 'unvalidated';
          if (other.type !== 'Literal' && !(other.type === 'Identifier' && other.name === 'undefined')) return 'unvalidated';
          return isRejectingGuard(parent, parent.operator.startsWith('!')) ? guarded() : 'neutral';
        }
        case 'UnaryExpression': {
          if (parent.operator === 'typeof') {
            const comparison = typeComparison(parent);
            return comparison && isRejectingGuard(comparison.check, comparison.negated) ? guarded() : 'neutral';
          }
          return parent.operator === '!' ? 'neutral' : 'unvalidated';
        }
        case 'IfStatement':
          return parent.test === current ? 'neutral' : 'unvalidated';
        case 'SwitchStatement': {
          // switch (intent) { case 'a': … default: throw … }: an allowlist when the default rejects, else a look
          const fallback = parent.cases.find((option) => option.test === null);
          const rejects = !!fallback && fallback.consequent.length > 0 && exits(fallback.consequent.at(-1)!);
          return rejects && parent.cases.every((option) => option.test === null || option.test.type === 'Literal' || option.test.type === 'Identifier' || option.test.type === 'MemberExpression') ? guarded() : 'neutral';
        }
        case 'ConditionalExpression':
          // `days ? Number(days) : 32`: a look in the test, the value goes on from a branch
          if (parent.test === current) return 'neutral';
          current = parent;
          continue;
        case 'AssignmentExpression':
          // `feeds = Array.isArray(feed) ? feed : [feed]`: followed into the variable's reads
          if (parent.right !== current || parent.operator !== '=' || parent.left.type !== 'Identifier') return 'unvalidated';
          return variablesVerdict([ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left)].filter((variable) => variable !== null), depth);
        case 'TemplateLiteral': {
          // verifyPresignToken({ token, scope: `templateId:${id}` }): the id is part of what the token check verifies
          const check = tokenCheckOf(parent);
          if (!check) return 'unvalidated';
          validators?.push(check);
          return guarded();
        }
        default:
          return 'unvalidated';
      }
    }
  }

  /** The verify…/decrypt… call `node` is an argument of, through object and array literals; else undefined. */
  function tokenCheckOf(node: TSESTree.Node): TSESTree.CallExpression | undefined {
    let current = node;
    for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
      if (parent.type === 'CallExpression') {
        const isArgument = parent.arguments.includes(current as TSESTree.CallExpressionArgument);
        return isArgument && TOKEN_CHECK.test(calleeName(parent.callee) ?? '') ? parent : undefined;
      }
      const inLiteral = parent.type === 'ObjectExpression' || parent.type === 'ArrayExpression' || (parent.type === 'Property' && parent.value === current);
      if (!inLiteral) return undefined;
    }
    return undefined;
  }

  /** `verified.documentId` or `documentId` out of `const verified = await verifyToken(…)` (or `decrypt…`). */
  function isVerifiedValue(node: TSESTree.Node): boolean {
    let root = node;
    while (root.type === 'MemberExpression') root = root.object;
    if (root.type !== 'Identifier') return false;
    const definition = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
    let init = definition?.node.type === 'VariableDeclarator' ? definition.node.init : undefined;
    while (init?.type === 'AwaitExpression' || init?.type === 'TSAsExpression' || init?.type === 'TSNonNullExpression') init = init.type === 'AwaitExpression' ? init.argument : init.expression;
    return init?.type === 'CallExpression' && TOKEN_CHECK.test(calleeName(init) ?? '');
  }

  /** The verdict on a parameter of a function of this file, the value passed at `index`; one level deep only. */
  function helperVerdict(fn: FunctionLike, index: number, field: string | undefined, depth: number): Verdict {
    const param = fn.params[index];
    let id: TSESTree.Node | undefined = param?.type === 'AssignmentPattern' ? param.left : param;
    if (id?.type === 'ObjectPattern' && field !== undefined) {
      // action({ request, formData }) into `async function action({ formData }: Args)`: that property's binding
      if (id.properties.some((property) => property.type === 'RestElement')) return 'unvalidated';
      const property = id.properties.find(
        (candidate): candidate is TSESTree.Property => candidate.type === 'Property' && !candidate.computed && candidate.key.type === 'Identifier' && candidate.key.name === field,
      );
      if (!property) return 'neutral';
      id = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    }
    if (id?.type !== 'Identifier') return 'unvalidated';
    helperDepth++;
    try {
      const name = id.name;
      return variablesVerdict(sourceCode.getDeclaredVariables(fn).filter((variable) => variable.name === name), depth);
    } finally {
      helperDepth--;
    }
  }

  /** Does the value of `node` only reach lookups (call arguments), comparisons and presence checks? */
  function isOpaqueUse(node: TSESTree.Node, depth: number): boolean {
    let current = node;
    for (;;) {
      const parent = current.parent;
      if (!parent) return false;
      switch (parent.type) {
        case 'AwaitExpression':
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'ChainExpression':
        case 'ObjectExpression':
        case 'ArrayExpression':
        case 'LogicalExpression':
          current = parent;
          continue;
        case 'Property':
          if (parent.value !== current || parent.parent.type !== 'ObjectExpression') return false;
          current = parent;
          continue;
        case 'CallExpression':
        case 'NewExpression':
          return parent.arguments.includes(current as TSESTree.CallExpressionArgument) && !UNSAFE_SINKS.has(calleeName(parent.callee) ?? '');
        case 'BinaryExpression':
          return COMPARISONS.has(parent.operator);
        case 'UnaryExpression':
          return parent.operator === '!' || parent.operator === 'typeof';
        case 'IfStatement':
          return parent.test === current;
        case 'JSXExpressionContainer':
        case 'ReturnStatement':
          return true;
        case 'TemplateLiteral':
          // verifyPresignToken({ token, scope: `envelopeId:${id}` }): bound into what the token check verifies
          if (tokenCheckOf(parent)) return true;
          // redirect(`/o/${slug}`), <Link to={`/t/${slug}/settings`}>: a path of this app under a fixed first segment
          return isAppPath(parent) && (parent.parent.type === 'JSXExpressionContainer' || (parent.parent.type === 'CallExpression' && parent.parent.arguments[0] === parent && calleeName(parent.parent.callee) === 'redirect'));
        case 'ConditionalExpression':
          if (parent.test === current) return true;
          current = parent;
          continue;
        case 'MemberExpression':
          // id.startsWith('envelope_'): a predicate on the id, not a parse of it
          return parent.object === current && ID_PREDICATES.has(memberName(parent) ?? '') && parent.parent.type === 'CallExpression' && parent.parent.callee === parent;
        case 'VariableDeclarator':
          return parent.init === current && parent.id.type === 'Identifier' && isOpaqueVariable(parent.id, depth + 1);
        default:
          return false;
      }
    }
  }

  /** Every read of the variable bound by `id` is an opaque use. */
  function isOpaqueVariable(id: TSESTree.Identifier, depth: number): boolean {
    if (depth > 3) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
    if (!variable) return false;
    return variable.references.every((reference) => !reference.isRead() || isOpaqueUse(reference.identifier, depth));
  }

  /** `{ id }` / `{ id: x }` / `{ id = 'x' }` out of the params object: every name bound is an opaque id. */
  function isOpaquePattern(pattern: TSESTree.ObjectPattern): boolean {
    return pattern.properties.every((property) => {
      if (property.type !== 'Property') return false;
      const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      return value.type === 'Identifier' && isOpaqueVariable(value, 0);
    });
  }

  /**
   * A query-string field named as an id (`@Query('id') id: string`, `req.query.userId`, `c.req.query('id')`,
   * `url.searchParams.get('id')`) used only as a lookup key, like a path id.
   */
  function isOpaqueQueryId(read: InputRead): boolean {
    const value = read.value.type === 'AssignmentPattern' ? read.value.left : read.value;
    if (read.input === 'Query') {
      const decorator = read.node as TSESTree.Decorator;
      const args = decorator.expression.type === 'CallExpression' ? decorator.expression.arguments : [];
      const type = value.type === 'Identifier' ? value.typeAnnotation?.typeAnnotation : undefined;
      if (args.length !== 1 || !ID_KEY.test(staticString(args[0]) ?? '') || (type && type.type !== 'TSStringKeyword')) return false;
      return value.type === 'Identifier' && isOpaqueVariable(value, 0);
    }
    if (read.input !== 'query') return false;
    if (value.type === 'CallExpression') return value.arguments.length === 1 && ID_KEY.test(staticString(value.arguments[0]) ?? '') && isOpaqueUse(value, 0);
    const member = value.parent;
    if (value.type !== 'MemberExpression' || member?.type !== 'MemberExpression' || member.object !== value) return false;
    const name = memberName(member) ?? '';
    const call = member.parent;
    // url.searchParams.get('id'): the field read is the id
    if (name === 'get' && call?.type === 'CallExpression' && call.callee === member) {
      return call.arguments.length === 1 && ID_KEY.test(staticString(call.arguments[0]) ?? '') && isOpaqueUse(call, 0);
    }
    return memberName(value) !== 'searchParams' && ID_KEY.test(name) && isOpaqueUse(member, 0);
  }

  function isOpaqueIdRead(read: InputRead): boolean {
    if (isOpaqueQueryId(read)) return true;
    if (!PARAM_INPUTS.has(read.input)) return false;
    const value = read.value.type === 'AssignmentPattern' ? read.value.left : read.value;
    if (read.input === 'Param') {
      // @Param('id') id: string — one named parameter, typed as a string (or not typed); @Param() params → params.id
      const decorator = read.node as TSESTree.Decorator;
      const args = decorator.expression.type === 'CallExpression' ? decorator.expression.arguments : [];
      const type = value.type === 'Identifier' || value.type === 'ObjectPattern' ? value.typeAnnotation?.typeAnnotation : undefined;
      // @Param() { id }: { id: string } — every member of the inline type a string
      const strings = type?.type === 'TSTypeLiteral' && type.members.every((member) => member.type === 'TSPropertySignature' && member.typeAnnotation?.typeAnnotation.type === 'TSStringKeyword');
      if (args.length === 0 && (!type || type.type === 'TSAnyKeyword' || strings)) {
        if (value.type === 'ObjectPattern') return isOpaquePattern(value);
      } else {
        if (args.length !== 1 || staticString(args[0]) === undefined || (type && type.type !== 'TSStringKeyword')) return false;
        return value.type === 'Identifier' && isOpaqueVariable(value, 0);
      }
    }
    if (value.type === 'ObjectPattern') return isOpaquePattern(value);
    if (value.type === 'Identifier') {
      // ({ params }, res) => … params.id …: every read takes one named member, used opaquely
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      return !!variable && variable.references.every((reference) => {
        if (!reference.isRead()) return true;
        const member = reference.identifier.parent;
        // const { slug, id } = params
        if (member?.type === 'VariableDeclarator' && member.init === reference.identifier && member.id.type === 'ObjectPattern') return isOpaquePattern(member.id);
        return member?.type === 'MemberExpression' && member.object === reference.identifier && !member.computed && isOpaqueUse(member, 0);
      });
    }
    // c.req.param('id'), Remix params.id: the value itself is the id
    if (value.type === 'CallExpression') {
      if (value.arguments.length === 1) return staticString(value.arguments[0]) !== undefined && isOpaqueUse(value, 0);
      // c.req.param().id: one named member of the params object
      const member = value.parent;
      if (value.arguments.length !== 0) return false;
      if (member?.type === 'VariableDeclarator' && member.init === value && member.id.type === 'ObjectPattern') return isOpaquePattern(member.id);
      return member?.type === 'MemberExpression' && member.object === value && !member.computed && isOpaqueUse(member, 0);
    }
    if (value.type !== 'MemberExpression') return false;
    // Remix `params.id` is the id itself; `req.params` is the object holding it: req.params.id, const { id } = req.params
    if (memberName(value) !== 'params') return isOpaqueUse(value, 0);
    const parent = value.parent;
    if (parent?.type === 'MemberExpression' && parent.object === value && memberName(parent) !== undefined && !parent.computed) return isOpaqueUse(parent, 0);
    if (parent?.type === 'VariableDeclarator' && parent.init === value && parent.id.type === 'ObjectPattern') return isOpaquePattern(parent.id);
    return false;
  }

  function readVerdict(read: InputRead): Verdict {
    const value = read.value.type === 'AssignmentPattern' ? read.value.left : read.value;
    if (value.type === 'Identifier') {
      const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
      return variable ? variablesVerdict([variable], 0) : 'unvalidated';
    }
    if (value.type === 'ObjectPattern') {
      // const { id, name } = params: every name bound, followed like a variable
      const names = value.properties.map((property) => (property.type === 'Property' ? (property.value.type === 'AssignmentPattern' ? property.value.left : property.value) : property));
      if (!names.every((name) => name.type === 'Identifier')) return 'unvalidated';
      return combine(
        names.map((name) => {
          const variable = ASTUtils.findVariable(sourceCode.getScope(name), name as TSESTree.Identifier);
          return variable ? variablesVerdict([variable], 0) : 'unvalidated';
        }),
      );
    }
    const isValue = value.type === 'MemberExpression' || value.type === 'CallExpression';
    return isValue ? verdictOf(value) : 'unvalidated';
  }

  function readValidation(read: InputRead): { verdict: Verdict; by: TSESTree.CallExpression | undefined } {
    validators = [];
    try {
      const verdict = readVerdict(read);
      return { verdict, by: verdict === 'unvalidated' ? undefined : validators[0] };
    } finally {
      validators = undefined;
    }
  }

  return { isValidatingMiddleware, isValidationCall, isOpaqueIdRead, readVerdict, readValidation };
}
