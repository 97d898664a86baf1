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
];
const DEFAULTS: Options[0] = { exemptFiles: DEFAULT_EXEMPT_FILES, allowedMethods: [], checkNonServerFiles: false };
/** `eslint-disable[-line|-next-line] …no-console…` (the rule list, before an optional `-- reason`). */
const DISABLE_NO_CONSOLE = /^\s*eslint-disable(-line|-next-line)?\s+([^]*?)(?:\s--\s[^]*)?$/;
const TRACE_MAPS = { globals: { console: { [READ]: true } } };
const PASS_THROUGH = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

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

    /** A read of the global console: `console.x`, `console[x]`, `const { x } = console`, `const log = console`. */
    function check(reference: TSESTree.Node): void {
      let node = reference;
      while (PASS_THROUGH.has(node.parent?.type ?? '')) node = node.parent!;
      const parent = node.parent;
      if (!parent) return;
      if (parent.type === 'MemberExpression' && parent.object === node) {
        report(parent, ASTUtils.getPropertyName(parent, sourceCode.getScope(parent)));
        return;
      }
      const target =
        parent.type === 'VariableDeclarator' && parent.init === node
          ? parent.id
          : parent.type === 'AssignmentExpression' && parent.right === node
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
