// Hand validation the value flow of `./input-validation.ts` recognises beyond a direct guard, each a pure question
// about one node of the file:
//
//   ternary with a default   `isValidReturnTo(x) ? normalize(x) : undefined`, `typeof v === 'string' ? v : null`:
//                            the value is used only when the check holds
//   number then NaN guard    `const id = Number(x); if (Number.isNaN(id)) return 400`
//   local helper             `this.toArray(x)`, `getStringFormValue(formData, 'k')`: a function or method of the same
//                            file, followed one call level by the caller (a converter hands on its result)
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { calleeName, memberName, staticString } from './route-handlers.js';

export type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const ALLOWLIST_METHODS = new Set(['includes', 'has']);
const PREDICATE = /^is[A-Z]/;
/** `Number(x)`, `parseInt(x, 10)`, `Number.parseFloat(x)`. */
const NUMBER_CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat']);
/** Checks that hold for a good number (`Number.isInteger(n)`) or for the bad case (`Number.isNaN(n)`). */
const NUMBER_CHECKS: Record<string, boolean> = { isInteger: false, isSafeInteger: false, isFinite: false, isNaN: true };
/** Globals a converter may call: `Array.isArray(x)`, `String(x).split(',')`. */
const PURE_GLOBALS = new Set(['Array', 'Object', 'String', 'Number', 'Boolean', 'JSON', 'Math', 'parseInt', 'parseFloat', 'isNaN', 'encodeURIComponent', 'decodeURIComponent']);
const TS_WRAPPERS = new Set(['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ChainExpression']);

/** The node a value ends up as once `await`, casts and `!` around it are passed. */
export function unwrapUp(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && TS_WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** A default standing for "no value": `undefined`, `null`, `void 0`, a literal, `[]`, `{}`. */
function isDefault(node: TSESTree.Node): boolean {
  if (node.type === 'Literal') return true;
  if (node.type === 'Identifier') return node.name === 'undefined';
  if (node.type === 'UnaryExpression') return node.operator === 'void';
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'ArrayExpression') return node.elements.length === 0;
  return node.type === 'ObjectExpression' && node.properties.length === 0;
}

/** The conjuncts of `a && b && c`. */
function conjuncts(node: TSESTree.Node): TSESTree.Node[] {
  return node.type === 'LogicalExpression' && node.operator === '&&' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

const isNamed = (node: TSESTree.Node | undefined, name: string): boolean => node?.type === 'Identifier' && node.name === name;

/**
 * Does `test` (one conjunct) check the variable `name` for a good value? A type check (`typeof x === 'string'`,
 * `x instanceof File`), a predicate (`isValidX(x)`, `Number.isInteger(x)`), an allowlist (`allowed.includes(x)`) or a
 * comparison with a literal (`x === 'a'`).
 */
function checksValue(test: TSESTree.Node, name: string): boolean {
  if (test.type === 'BinaryExpression') {
    if (test.operator === 'instanceof') return isNamed(test.left, name);
    if (test.operator !== '===' && test.operator !== '==') return false;
    const typed = (side: TSESTree.Node): boolean => side.type === 'UnaryExpression' && side.operator === 'typeof' && isNamed(side.argument, name);
    if (typed(test.left) || typed(test.right)) return true;
    return (isNamed(test.left, name) && test.right.type === 'Literal') || (isNamed(test.right, name) && test.left.type === 'Literal');
  }
  if (test.type !== 'CallExpression' || !test.arguments.some((argument) => isNamed(argument, name))) return false;
  const callee = calleeName(test.callee) ?? '';
  if (test.callee.type === 'MemberExpression') return (ALLOWLIST_METHODS.has(callee) && isNamed(test.arguments[0], name)) || NUMBER_CHECKS[callee] === false;
  return PREDICATE.test(callee);
}

/**
 * `check(x) ? use(x) : undefined` around the reference `identifier` (in the test or the consequent): the value is
 * used only when a check on it holds, and a default stands in otherwise. `'asserted'` when the ternary is assigned back
 * to the variable (`x = isValid(x) ? x : undefined`: later reads see the checked value), `'validated'` otherwise,
 * undefined when no such ternary holds the reference.
 */
export function ternaryGuard(identifier: TSESTree.Identifier): 'validated' | 'asserted' | undefined {
  let child: TSESTree.Node = identifier;
  for (let parent: TSESTree.Node | undefined = identifier.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type.endsWith('Statement') || parent.type.startsWith('Function') || parent.type === 'ArrowFunctionExpression') return undefined;
    if (parent.type !== 'ConditionalExpression' || child === parent.alternate) continue;
    if (!isDefault(parent.alternate) || !conjuncts(parent.test).some((test) => checksValue(test, identifier.name))) continue;
    const target = unwrapUp(parent).parent;
    return target?.type === 'AssignmentExpression' && isNamed(target.left, identifier.name) ? 'asserted' : 'validated';
  }
  return undefined;
}

/** `Number(x)`, `parseInt(x, 10)`, `Number.parseFloat(x)`: a number made of the value. */
export function isNumberConversion(call: TSESTree.CallExpression): boolean {
  if (!NUMBER_CONVERSIONS.has(calleeName(call.callee) ?? '')) return false;
  const object = call.callee.type === 'MemberExpression' ? call.callee.object : undefined;
  return !object || isNamed(object, 'Number');
}

/**
 * `Number(x)` (`call`, with the value as its first argument) bound to a variable that a NaN or integer check rejects:
 * `const id = Number(x); if (id === 0 || Number.isNaN(id)) return …`. `isRejecting(check, negated)` says whether a
 * check (negated when it tests for the bad case) rejects the request.
 */
export function isCheckedNumber(
  sourceCode: TSESLint.SourceCode,
  call: TSESTree.CallExpression,
  isRejecting: (check: TSESTree.Node, negated: boolean) => boolean,
): boolean {
  if (!isNumberConversion(call)) return false;
  const declarator = unwrapUp(call).parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id);
  return !!variable?.references.some((reference) => {
    const check = reference.identifier.parent;
    if (check?.type !== 'CallExpression' || check.arguments[0] !== reference.identifier) return false;
    const name = calleeName(check.callee) ?? '';
    const global = check.callee.type === 'Identifier' && (name === 'isNaN' || name === 'isFinite');
    const onNumber = check.callee.type === 'MemberExpression' && isNamed(check.callee.object, 'Number') && name in NUMBER_CHECKS;
    return (global || onNumber) && isRejecting(check, name === 'isNaN');
  });
}

/** The function a call of this file calls: `helper(x)` (a declaration or a `const` arrow), `this.method(x)` of the enclosing class. */
export function localCallee(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): FunctionLike | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') {
    const definition = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
    if (definition?.node.type === 'FunctionDeclaration') return definition.node;
    const init = definition?.node.type === 'VariableDeclarator' ? definition.node.init : undefined;
    return init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression' ? init : undefined;
  }
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'ThisExpression') return undefined;
  const name = memberName(callee);
  let classBody: TSESTree.Node | undefined = callee.parent;
  while (classBody && classBody.type !== 'ClassBody') classBody = classBody.parent;
  if (!name || !classBody) return undefined;
  const method = classBody.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && member.kind === 'method' && !member.static && (member.key.type === 'Identifier' ? member.key.name : staticString(member.key)) === name,
  );
  return method?.value.type === 'FunctionExpression' ? method.value : undefined;
}

/**
 * A converter: a synchronous function that touches no instance state and calls nothing but methods of its own values
 * and pure globals (`Array.isArray(x) ? x : String(x).split(',')`), so what it returns is its input reshaped, and
 * nothing it does with the input reaches I/O.
 */
export function isConverter(sourceCode: TSESLint.SourceCode, fn: FunctionLike): boolean {
  if (fn.async || fn.generator) return false;
  const inside = (node: TSESTree.Node): boolean => node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1];
  const ownOrPure = (node: TSESTree.Node): boolean => {
    if (node.type !== 'Identifier') return node.type !== 'ThisExpression' && node.type !== 'Super';
    const definition = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
    return definition ? inside(definition.name) : PURE_GLOBALS.has(node.name);
  };
  let pure = true;
  const visit = (node: TSESTree.Node): void => {
    if (!pure) return;
    if (node.type === 'ThisExpression' || node.type === 'AwaitExpression' || node.type === 'YieldExpression' || node.type === 'NewExpression') {
      pure = false;
      return;
    }
    if (node.type === 'CallExpression') {
      const callee = node.callee.type === 'MemberExpression' ? node.callee.object : node.callee;
      if (callee.type === 'Identifier' && !ownOrPure(callee)) pure = false;
    }
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const value = node[key] as unknown;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') visit(child as TSESTree.Node);
      }
    }
  };
  visit(fn.body);
  return pure;
}

