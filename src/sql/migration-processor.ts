// The processor `fortress/migrations`: a JavaScript/TypeScript migration of a migration set is linted as itself (the
// first block is the file unchanged, so its TypeScript rules run as before) plus one virtual `.sql` block holding the
// SQL of its `up` direction (./code-migrations.ts), which the `fortress/sql` language and the SQL rules lint. A string
// without `${…}` holes that does not parse gets a block of its own (one syntax-error finding, the others still linted).
// `postprocess` maps every finding of a `.sql` block back to the line and column of the literal in the `.js`/`.ts`
// file; a fix or suggestion is kept only when its range maps exactly onto literal characters and its text needs no
// escaping in that literal. `eslint-disable` comments of the `.js`/`.ts` file apply to the SQL findings too (ESLint
// applies a block's directives to that block only), and a directive used that way is not reported as unused.
import type { Linter } from 'eslint';

import { CODE_BLOCK_NAME, codeMigrationSql, type CodeMigrationSql, type SqlPiece } from './code-migrations.js';
import { applyDisableDirectives } from './directives.js';
import { lineStarts, positionAt } from './language.js';
import { migrationSetOf } from './migrations.js';

type LintMessage = Linter.LintMessage;
type Fix = NonNullable<LintMessage['fix']>;

/** A virtual block: its text and the pieces it holds. */
interface Block {
  text: string;
  pieces: SqlPiece[];
  lineStarts?: Uint32Array;
}

interface Pending {
  code: string;
  blocks: Block[];
  comments: CodeMigrationSql['comments'];
}

/** What preprocess made of each file, until its postprocess (ESLint calls both for a file before the next one). */
const pending = new Map<string, Pending>();

/** The offset of ESLint's line (1-based) and column (1-based) in a text with line starts `starts`. */
function offsetAt(starts: ArrayLike<number>, text: string, line: number, column: number): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1]!;
  return Math.min(start + Math.max(column - 1, 0), text.length);
}

/** ESLint's line and column (both 1-based) of an offset. */
function eslintPositionAt(starts: ArrayLike<number>, offset: number): { line: number; column: number } {
  const { line, column } = positionAt(starts, offset);
  return { line, column: column + 1 };
}

/** The piece holding block offset `offset` (the nearest one before it, for an offset between pieces). */
function pieceAt(block: Block, offset: number): SqlPiece {
  let found = block.pieces[0]!;
  for (const piece of block.pieces) {
    if (piece.offset > offset) break;
    found = piece;
  }
  return found;
}

/** The source range of block text `[start, end)` (clamped into one piece). */
function sourceRange(block: Block, start: number, end: number): [number, number] {
  const piece = pieceAt(block, start);
  const local = start - piece.offset;
  const localEnd = Math.max(local, Math.min(end - piece.offset, piece.sql.text.length));
  return piece.sql.toSourceRange(local, Math.max(localEnd, local + 1));
}

/** Characters that would need escaping inside a string or template literal: such a fix is dropped. */
const UNSAFE_IN_LITERAL = /[\\'"`$\r\n\u2028\u2029]/;

/** The source range of block text `[start, end)` when every character maps to exactly one source character. */
function exactRange(block: Block, start: number, end: number): [number, number] | undefined {
  const piece = pieceAt(block, start);
  const local = start - piece.offset;
  const localEnd = end - piece.offset;
  const { sql } = piece;
  if (local < 0 || localEnd > sql.text.length || localEnd < local) return undefined;
  // The characters the edit touches (for an insertion: the two it goes between) must not be a `${…}` placeholder.
  const [touchStart, touchEnd] = localEnd > local ? [local, localEnd] : [local - 1, local + 1];
  if (sql.placeholders.some((placeholder) => placeholder.start < touchEnd && placeholder.end > touchStart)) return undefined;
  if (localEnd > local) {
    const [from, to] = sql.toSourceRange(local, localEnd);
    return to - from === localEnd - local ? [from, to] : undefined;
  }
  // An insertion between two characters that are adjacent in the source.
  if (local === 0 || local === sql.text.length) return undefined;
  const before = sql.toSourceRange(local - 1, local);
  const after = sql.toSourceRange(local, local + 1);
  return before[1] === after[0] && before[1] - before[0] === 1 && after[1] - after[0] === 1 ? [after[0], after[0]] : undefined;
}

function mapFix(block: Block, fix: Fix | undefined): Fix | undefined {
  if (!fix || UNSAFE_IN_LITERAL.test(fix.text)) return undefined;
  const range = exactRange(block, fix.range[0], fix.range[1]);
  return range ? { range, text: fix.text } : undefined;
}

/** A message of a `.sql` block, at its place in the `.js`/`.ts` file. */
function mapMessage(message: LintMessage, block: Block, codeStarts: Uint32Array): LintMessage {
  block.lineStarts ??= lineStarts(block.text);
  const start = offsetAt(block.lineStarts, block.text, message.line, message.column);
  const end = message.endLine === undefined ? start : offsetAt(block.lineStarts, block.text, message.endLine, message.endColumn ?? message.column);
  const [from, to] = sourceRange(block, start, Math.max(end, start));
  const begin = eslintPositionAt(codeStarts, from);
  const finish = eslintPositionAt(codeStarts, end > start ? to : from);
  const mapped: LintMessage = { ...message, line: begin.line, column: begin.column };
  if (message.endLine !== undefined) {
    mapped.endLine = finish.line;
    mapped.endColumn = finish.column;
  }
  delete mapped.fix;
  delete mapped.suggestions;
  const fix = mapFix(block, message.fix);
  if (fix) mapped.fix = fix;
  const suggestions = (message.suggestions ?? []).flatMap((suggestion) => {
    const suggestionFix = mapFix(block, suggestion.fix);
    return suggestionFix ? [{ ...suggestion, fix: suggestionFix }] : [];
  });
  if (suggestions.length > 0) mapped.suggestions = suggestions;
  return mapped;
}

export const migrationsProcessor = {
  meta: { name: 'fortress/migrations', version: '1' },
  supportsAutofix: true,

  preprocess(text: string, filename: string): Array<string | { text: string; filename: string }> {
    pending.delete(filename);
    try {
      if (!migrationSetOf(filename)) return [text];
      const found = codeMigrationSql(text, filename);
      if (!found) return [text];
      const blocks: Block[] = [];
      if (found.pieces.length > 0) blocks.push({ text: found.text, pieces: found.pieces });
      for (const piece of found.failing) blocks.push({ text: piece.sql.text, pieces: [piece] });
      pending.set(filename, { code: text, blocks, comments: found.comments });
      return [text, ...blocks.map((block) => ({ text: block.text, filename: CODE_BLOCK_NAME }))];
    } catch {
      return [text];
    }
  },

  postprocess(messageLists: LintMessage[][], filename: string): LintMessage[] {
    const state = pending.get(filename);
    pending.delete(filename);
    if (!state) return messageLists.flat();
    const codeStarts = lineStarts(state.code);
    const own = messageLists[0] ?? [];
    const mapped: LintMessage[] = [];
    for (const [index, block] of state.blocks.entries()) {
      for (const message of messageLists[index + 1] ?? []) {
        try {
          mapped.push(mapMessage(message, block, codeStarts));
        } catch {
          mapped.push({ ruleId: message.ruleId, severity: message.severity, message: message.message, line: 1, column: 1 });
        }
      }
    }
    const kept = applyDisableDirectives(mapped, own, state.comments, codeStarts);
    return [...kept.own, ...kept.sql].sort((a, b) => a.line - b.line || a.column - b.column);
  },
};
