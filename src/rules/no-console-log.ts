import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { createRule } from '../util/create-rule.js';
import { MAX_GLOB_LENGTH } from '../util/globs.js';
import { READ, findReferences } from './utils/references.js';
import { notServerRuntime } from './utils/runtime-context.js';
import { isFileMatched, TEST_FILE_GLOBS } from './utils/source-path.js';

type Options = [{ exemptFiles?: string[]; allowedMethods?: string[]; checkNonServerFiles?: boolean }];
type MessageIds = 'noConsole';

const DEFAULT_EXEMPT_FILES = [
  ...TEST_FILE_GLOBS,
  '**/scripts/**',
  '**/bin/**',
  '**/seed*.*',
  '**/seeds/**',
  '**/seed/**',
  '**/migrations/**',
  '**/migration/**',
  '**/examples/**',
  // Test fixtures, mocks, end-to-end and integration suites, developer playgrounds: test code by another name.
  '**/__fixtures__/**',
  '**/fixtures/**',
  '**/__mocks__/**',
  '**/integration-tests/**',
  '**/e2e/**',
  '**/*.e2e.*',
  '**/*.e2e-spec.*',
  '**/_playground*',
  '**/_playground*/**',
  '**/*.playground.*',
];
const DEFAULTS: Options[0] = { exemptFiles: DEFAULT_EXEMPT_FILES, allowedMethods: [], checkNonServerFiles: false };
/** `eslint-disable[-line|-next-line] …no-console…` (the rule list, before an optional `-- reason`). */
const DISABLE_NO_CONSOLE = /^\s*eslint-disable(-line|-next-line)?\s+([^]*?)(?:\s--\s[^]*)?$/;
const TRACE_MAPS = { globals: { console: { [READ]: true } } };
const PASS_THROUGH = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** Keys of a logger object's methods: `{ error: console.error }` builds a logger, `{ onError: console.error }` a callback. */
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical']);

/**
 * `console` or `console.x`, not called, handed to someone else as a value: a fallback or default logger
 * (`logger ?? console`, `logger ??= console`, `= console` as a default, `{ logger: console }`, `{ error: console.error }`,
 * `createApp(console)`, `return console`). The sink of a logger, not a log line; whoever logs through it is the finding.
 * A method passed as a callback (`promise.catch(console.error)`, `{ onError: console.error }`) logs: not handed over.
 */
function isHandedOver(node: TSESTree.Node): boolean {
  let current = node;
  while (PASS_THROUGH.has(current.parent?.type ?? '')) current = current.parent!;
  const parent = current.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'LogicalExpression':
    case 'ArrayExpression':
    case 'ReturnStatement':
    case 'AssignmentPattern':
      return parent.type !== 'AssignmentPattern' || parent.right === current;
    case 'ConditionalExpression':
      return parent.test !== current;
    case 'Property': {
      if (parent.value !== current || parent.parent.type !== 'ObjectExpression') return false;
      const key = ASTUtils.getPropertyName(parent);
      return current.type !== 'MemberExpression' || (key !== null && LOG_METHODS.has(key));
    }
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee !== current && current.type !== 'MemberExpression';
    case 'AssignmentExpression':
      return parent.right === current && parent.operator !== '=';
    default:
      return false;
  }
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
/** A doc comment saying the function's output is the terminal's, or that it is a debugging aid. */
const OUTPUT_HELPER_DOC = /\b(?:stdout|stderr|standard (?:output|error))\b|\b(?:for|while) debugging\b/i;

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current as FunctionNode;
  }
  return undefined;
}

/** A read of the variable used only as the fallback of another value: `injected ?? fallback`, `= fallback`, `??= fallback`. */
function isFallbackUse(identifier: TSESTree.Node): boolean {
  let current = identifier;
  while (PASS_THROUGH.has(current.parent?.type ?? '')) current = current.parent!;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'LogicalExpression') return parent.right === current && (parent.operator === '??' || parent.operator === '||');
  if (parent.type === 'AssignmentPattern') return parent.right === current;
  if (parent.type === 'AssignmentExpression') return parent.right === current && (parent.operator === '??=' || parent.operator === '||=');
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'no-console-log',
  meta: {
    type: 'suggestion',
    docs: { description: 'Disallow `console` logging in server code', recommended: true },
    messages: {
      noConsole:
        "`{{ name }}` writes an unstructured string log; log a JSON event with the app's logger instead (`logger.info({ event, … })`); a script, CLI or browser file the rule did not recognise as such goes in `exemptFiles`.",
    },
    defaultOptions: [DEFAULTS],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          exemptFiles: {
            description:
              'Globs (picomatch) of files where `console` is allowed, matched against the posix path relative to the working directory; replaces the default list.',
            type: 'array',
            items: { type: 'string', minLength: 1, maxLength: MAX_GLOB_LENGTH },
          },
          allowedMethods: {
            description: '`console` methods that are allowed everywhere (e.g. `["error"]`).',
            type: 'array',
            items: { type: 'string' },
          },
          checkNonServerFiles: {
            description:
              'Also report in files that are not server runtime: browser code, CLI packages, test infrastructure and one-shot scripts (by default they are skipped).',
            type: 'boolean',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    if (isFileMatched(context.filename, context.cwd, options.exemptFiles ?? DEFAULT_EXEMPT_FILES)) return {};
    const allowed = new Set(options.allowedMethods ?? []);
    const { sourceCode } = context;
    if (sourceCode.ast.type !== 'Program') return {};

    /** Lines on which ESLint's own `no-console` is disabled by a comment: the team decided. */
    function teamDisabledLines(): (line: number) => boolean {
      const lines = new Set<number>();
      const ranges: Array<[number, number]> = [];
      let openFrom: number | undefined;
      for (const comment of sourceCode.getAllComments()) {
        const enable = /^\s*eslint-enable\b([^]*)$/.exec(comment.value);
        if (enable && openFrom !== undefined && (enable[1]!.trim() === '' || /(?:^|[\s,])no-console(?:$|[\s,])/.test(enable[1]!))) {
          ranges.push([openFrom, comment.loc.start.line]);
          openFrom = undefined;
          continue;
        }
        const match = DISABLE_NO_CONSOLE.exec(comment.value);
        if (!match || !match[2]!.split(/[\s,]+/).includes('no-console')) continue;
        if (match[1] === '-line') lines.add(comment.loc.start.line);
        else if (match[1] === '-next-line') lines.add(comment.loc.end.line + 1);
        else openFrom ??= comment.loc.start.line;
      }
      if (openFrom !== undefined) ranges.push([openFrom, Infinity]);
      return (line) => lines.has(line) || ranges.some(([from, to]) => line >= from && line <= to);
    }
    let disabled: ((line: number) => boolean) | undefined;

    /** Reports `node` (a member access or destructured property) unless its method is allowed. */
    function report(node: TSESTree.Node, method: string | null): void {
      if (method !== null && allowed.has(method)) return;
      disabled ??= teamDisabledLines();
      if (disabled(node.loc.start.line)) return;
      context.report({ node, messageId: 'noConsole', data: { name: method === null ? 'console' : `console.${method}` } });
    }

    /**
     * `console.x(…)` in a method of a fallback logger: an object of log-level methods only (`{ info: (a) =>
     * console.log(a), … }`) held in a variable whose every use is the fallback of an injected logger (`injected ??
     * logger`, a default value, `??=`), or written in place as that fallback. The same sink as `injected ?? console`,
     * spelled as an object; a logger object that is the app's logger (`{ logger: { info: (...a) => console.info(…) } }`
     * handed to every job) is not a fallback and is reported.
     */
    function inFallbackLogger(member: TSESTree.MemberExpression): boolean {
      if (member.parent.type !== 'CallExpression' || member.parent.callee !== member) return false;
      const method = enclosingFunction(member);
      const property = method?.parent;
      if (property?.type !== 'Property' || property.value !== method || property.parent.type !== 'ObjectExpression') return false;
      const object = property.parent;
      const isLogMethod = (entry: TSESTree.ObjectLiteralElement): boolean => {
        if (entry.type !== 'Property' || !FUNCTION_TYPES.has(entry.value.type)) return false;
        const key = ASTUtils.getPropertyName(entry);
        return key !== null && LOG_METHODS.has(key);
      };
      if (!object.properties.every(isLogMethod)) return false;
      if (isFallbackUse(object)) return true; // `injected ?? { info: (a) => console.log(a) }`
      let holder: TSESTree.Node = object;
      while (PASS_THROUGH.has(holder.parent?.type ?? '')) holder = holder.parent!;
      const declarator = holder.parent;
      if (declarator?.type !== 'VariableDeclarator' || declarator.init !== holder || declarator.id.type !== 'Identifier') return false;
      const reads = (sourceCode.getDeclaredVariables(declarator)[0]?.references ?? []).filter((reference) => reference.identifier !== declarator.id);
      return reads.length > 0 && reads.every((reference) => isFallbackUse(reference.identifier));
    }

    /**
     * `console.x(…)` in a function whose doc comment says its output is the terminal (`Dumps file contents to the
     * stdout`) or that it is a debugging aid (`Used for debugging functional pipelines`): printing is its documented
     * purpose, as with a disable comment. The doc of the nearest function (through curried arrows), its variable,
     * method or property, or their `export`.
     */
    function inDocumentedOutputHelper(member: TSESTree.MemberExpression): boolean {
      // Out of callbacks (`rows.forEach((row) => console.table(row))`) and curried arrows, to the named function.
      let documented: TSESTree.Node | undefined = enclosingFunction(member);
      while (documented && (documented.parent?.type === 'CallExpression' || documented.parent?.type === 'ArrowFunctionExpression')) {
        documented = documented.parent.type === 'ArrowFunctionExpression' && documented.parent.body === documented ? documented.parent : enclosingFunction(documented);
      }
      if (!documented) return false;
      const holder = documented.parent;
      if (holder?.type === 'VariableDeclarator' && holder.init === documented) documented = holder.parent;
      else if ((holder?.type === 'MethodDefinition' || holder?.type === 'Property' || holder?.type === 'PropertyDefinition') && holder.value === documented) documented = holder;
      if (documented?.parent?.type === 'ExportNamedDeclaration' || documented?.parent?.type === 'ExportDefaultDeclaration') documented = documented.parent;
      if (!documented) return false;
      const doc = sourceCode.getCommentsBefore(documented).at(-1);
      return doc?.type === 'Block' && doc.value.startsWith('*') && OUTPUT_HELPER_DOC.test(doc.value);
    }

    /** A read of the global console: `console.x`, `console[x]`, `const { x } = console`, `const log = console`. */
    function check(reference: TSESTree.Node): void {
      let node = reference;
      while (PASS_THROUGH.has(node.parent?.type ?? '')) node = node.parent!;
      const parent = node.parent;
      if (!parent) return;
      if (parent.type === 'MemberExpression' && parent.object === node) {
        if (isHandedOver(parent) || inFallbackLogger(parent) || inDocumentedOutputHelper(parent)) return;
        report(parent, ASTUtils.getPropertyName(parent, sourceCode.getScope(parent)));
        return;
      }
      const target =
        parent.type === 'VariableDeclarator' && parent.init === node
          ? parent.id
          : parent.type === 'AssignmentExpression' && parent.right === node && parent.operator === '='
            ? parent.left
            : undefined;
      if (target?.type === 'ObjectPattern') {
        for (const property of target.properties) {
          report(property, property.type === 'Property' ? ASTUtils.getPropertyName(property) : null);
        }
      } else if (target) {
        report(node, null); // an alias: const logger = console
      }
    }

    return {
      Program() {
        const references = findReferences(sourceCode, TRACE_MAPS);
        if (references.length === 0) return;
        if (!options.checkNonServerFiles && notServerRuntime(sourceCode, context.filename, context.cwd) !== undefined) return;
        for (const reference of references) check(reference.node);
      },
    };
  },
});
