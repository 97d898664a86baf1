// `eslint-disable` comments of a JavaScript/TypeScript migration applied to the SQL findings that the processor
// (./migration-processor.ts) maps into it. ESLint applies a code block's directives to that block's own messages only,
// so a `// eslint-disable-next-line fortress/sql-no-set-not-null` above a `db.runSql(…)` would otherwise neither silence
// the SQL finding nor count as used. Follows ESLint's reading: `eslint-disable-line` / `eslint-disable-next-line` in
// line or block comments, `eslint-disable` / `eslint-enable` in block comments only, a rule list separated by commas,
// an optional ` -- reason`. A finding without a rule (a syntax error) is never silenced.
import type { TSESTree } from '@typescript-eslint/utils';
import type { Linter } from 'eslint';

import { positionAt } from './language.js';

type LintMessage = Linter.LintMessage;

interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** The rules named; empty: every rule. */
  rules: string[];
  /** Offset of the comment's start, and the line the directive governs (line directives) or starts at. */
  offset: number;
  line: number;
  used: boolean;
}

const DIRECTIVE = /^eslint-(disable|enable|disable-line|disable-next-line)(?:\s+([\s\S]*))?$/;

function lineOf(starts: ArrayLike<number>, offset: number): number {
  return positionAt(starts, offset).line;
}

function directivesOf(comments: readonly TSESTree.Comment[], starts: ArrayLike<number>): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const body = comment.value.split(/\s-{2,}\s/)[0]!.trim();
    const match = DIRECTIVE.exec(body);
    if (!match) continue;
    const kind = match[1] as Directive['kind'];
    if (comment.type === 'Line' && (kind === 'disable' || kind === 'enable')) continue;
    const rules = (match[2] ?? '').split(',').map((rule) => rule.trim()).filter(Boolean);
    const line = kind === 'disable-next-line' ? lineOf(starts, comment.range[1]) + 1 : lineOf(starts, comment.range[0]);
    directives.push({ kind, rules, offset: comment.range[0], line, used: false });
  }
  return directives;
}

const names = (directive: Directive, rule: string): boolean => directive.rules.length === 0 || directive.rules.includes(rule);

/** The directive that silences `message` (line, column 1-based, in the file), or undefined. */
function silencing(directives: Directive[], message: LintMessage, starts: ArrayLike<number>): Directive | undefined {
  const rule = message.ruleId;
  if (!rule) return undefined;
  const lineDirective = directives.find((directive) => (directive.kind === 'disable-line' || directive.kind === 'disable-next-line') && directive.line === message.line && names(directive, rule));
  if (lineDirective) return lineDirective;
  const offset = (starts[message.line - 1] ?? 0) + message.column - 1;
  let active: Directive | undefined;
  for (const directive of directives) {
    if (directive.offset >= offset) break;
    if (directive.kind === 'disable' && names(directive, rule)) active = directive;
    else if (directive.kind === 'enable' && names(directive, rule)) active = undefined;
  }
  return active;
}

const UNUSED = /^Unused eslint-(?:disable|enable) directive/;

/**
 * The SQL findings left once the file's directives are applied, and the file's own messages without the
 * "Unused eslint-disable directive" reports of directives that silenced a SQL finding.
 */
export function applyDisableDirectives(sql: LintMessage[], own: LintMessage[], comments: readonly TSESTree.Comment[], starts: ArrayLike<number>): { sql: LintMessage[]; own: LintMessage[] } {
  const directives = directivesOf(comments, starts);
  if (directives.length === 0) return { sql, own };
  const kept = sql.filter((message) => {
    const directive = silencing(directives, message, starts);
    if (directive) directive.used = true;
    return directive === undefined;
  });
  const usedLines = new Set(directives.filter((directive) => directive.used).map((directive) => lineOf(starts, directive.offset)));
  const ownKept = own.filter((message) => !(message.ruleId === null && UNUSED.test(message.message) && usedLines.has(message.line)));
  return { sql: kept, own: ownKept };
}
