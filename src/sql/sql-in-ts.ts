// SQL found in TypeScript literals, and the way back from SQL offsets to TypeScript source positions.
//
// `extractSql(node, sourceText)` accepts a string literal, a template literal (tagged or not) or a `+` concatenation
// that contains at least one of them. The SQL text is the literal's runtime value (escape sequences decoded), with
// every `${…}` substitution (and every non-literal operand of a concatenation) replaced by a `$1`…`$n` placeholder,
// so that the real Postgres parser accepts `WHERE id = ${id}` as `WHERE id = $1`. Every character of the SQL text
// maps back to the source range that produced it (`\n` maps to its two source characters, `$1` to the whole
// `${id}`), so a finding at a SQL offset lands on the right TypeScript line and column.
//
// Tokens of that text come from PostgreSQL's own scanner: `scanSql` in ./parser.ts (`getScannedSql` in ./visitor.ts
// caches them per file), which also reads the fragments that do not parse as a whole statement.
import type { TSESTree } from '@typescript-eslint/utils';

/** A `$n` placeholder standing for a TypeScript expression. */
export interface SqlPlaceholder {
  /** `n` in `$n` (1-based). */
  number: number;
  /** Offsets of `$n` in the SQL text. */
  start: number;
  end: number;
  /** The TypeScript expression it replaces. */
  expression: TSESTree.Node;
}

export interface SqlInTs {
  /** The SQL text: the literal's value, `${…}` parts replaced by `$1`…`$n`. */
  text: string;
  /** The node the SQL was read from (literal, template literal or `+` concatenation). */
  node: TSESTree.Node;
  placeholders: readonly SqlPlaceholder[];
  /** The TypeScript source range (`node.range` coordinates) that produced SQL text `[start, end)`. */
  toSourceRange(start: number, end: number): [number, number];
}

/** What `getLocFromIndex` needs: ESLint's `SourceCode` satisfies it. */
export interface LocSource {
  getLocFromIndex(index: number): TSESTree.Position;
}

/** Builds the SQL text piece by piece, keeping each character's source range. */
class SqlBuilder {
  text = '';
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly placeholders: SqlPlaceholder[] = [];

  push(chars: string, start: number, end: number): void {
    for (let index = 0; index < chars.length; index++) {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.text += chars;
  }

  placeholder(expression: TSESTree.Node, start: number, end: number): void {
    const number = this.placeholders.length + 1;
    const offset = this.text.length;
    this.push(`$${number}`, start, end);
    this.placeholders.push({ number, start: offset, end: this.text.length, expression });
  }
}

/**
 * The SQL text of a string literal, a template literal, a tagged template (its template) or a `+` concatenation
 * containing at least one literal; undefined for anything else (or for a literal whose escapes do not decode).
 * `sourceText` is the whole file's text (`sourceCode.text`): literals are decoded from their raw source.
 */
export function extractSql(node: TSESTree.Node, sourceText: string): SqlInTs | undefined {
  const target = node.type === 'TaggedTemplateExpression' ? node.quasi : node;
  const builder = new SqlBuilder();
  if (target.type === 'BinaryExpression') {
    const operands = flattenConcatenation(target);
    if (!operands.some(isStringLike)) return undefined;
    for (const operand of operands) {
      if (isStringLike(operand)) {
        if (!appendLiteral(builder, operand, sourceText)) return undefined;
      } else {
        builder.placeholder(operand, operand.range[0], operand.range[1]);
      }
    }
  } else if (isStringLike(target)) {
    if (!appendLiteral(builder, target, sourceText)) return undefined;
  } else {
    return undefined;
  }
  const { text, starts, ends, placeholders } = builder;
  return {
    text,
    node: target,
    placeholders,
    toSourceRange(start, end) {
      if (text.length === 0) return [target.range[0], target.range[0]];
      const first = Math.min(Math.max(start, 0), text.length - 1);
      const last = Math.min(Math.max(end - 1, first), text.length - 1);
      return [starts[first]!, ends[last]!];
    },
  };
}

/** The `loc` of SQL text `[start, end)` in the TypeScript file. */
export function toSourceLoc(sql: SqlInTs, start: number, end: number, source: LocSource): TSESTree.SourceLocation {
  const [from, to] = sql.toSourceRange(start, end);
  return { start: source.getLocFromIndex(from), end: source.getLocFromIndex(to) };
}

type StringLike = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

function isStringLike(node: TSESTree.Node): node is StringLike {
  return (node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral';
}

/** `a + b + c` → [a, b, c] (only `+`; other operators are one operand). */
function flattenConcatenation(node: TSESTree.Node): TSESTree.Node[] {
  // An explicit stack: `'a' + 'b' + …` nests one level per `+`.
  const operands: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (current.type === 'BinaryExpression' && current.operator === '+') stack.push(current.right, current.left);
    else operands.push(current);
  }
  return operands;
}

function appendLiteral(builder: SqlBuilder, node: StringLike, sourceText: string): boolean {
  if (node.type === 'Literal') {
    const decoded = decode(builder, sourceText, node.range[0] + 1, node.range[1] - 1, false);
    return decoded === node.value;
  }
  for (const [index, quasi] of node.quasis.entries()) {
    // A quasi's range includes its delimiters: "`" or "}" before, "`" or "${" after.
    const start = quasi.range[0] + 1;
    const end = quasi.range[1] - (quasi.tail ? 1 : 2);
    const decoded = decode(builder, sourceText, start, end, true);
    if (decoded === undefined || (quasi.value.cooked !== null && decoded !== quasi.value.cooked)) return false;
    const expression = node.expressions[index];
    const next = node.quasis[index + 1];
    if (expression && next) builder.placeholder(expression, end, next.range[0] + 1);
  }
  return true;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };

/**
 * Decodes the raw source `[start, end)` of a string or template chunk into `builder`, each decoded character mapped
 * to its escape sequence's source range. Returns the decoded chunk, or undefined on an escape it cannot decode.
 */
function decode(builder: SqlBuilder, source: string, start: number, end: number, template: boolean): string | undefined {
  let out = '';
  const emit = (chars: string, from: number, to: number): void => {
    builder.push(chars, from, to);
    out += chars;
  };
  let index = start;
  while (index < end) {
    const char = source[index]!;
    if (char === '\r' && template) {
      const width = source[index + 1] === '\n' ? 2 : 1; // template line terminators are normalized to \n
      emit('\n', index, index + width);
      index += width;
      continue;
    }
    if (char !== '\\') {
      emit(char, index, index + 1);
      index += 1;
      continue;
    }
    const next = source[index + 1];
    if (next === undefined || index + 1 >= end) return undefined;
    let width = 2;
    let value: string;
    if (next === '\r' || next === '\n' || next === '\u2028' || next === '\u2029') {
      width = next === '\r' && source[index + 2] === '\n' ? 3 : 2; // line continuation
      value = '';
    } else if (SIMPLE_ESCAPES[next] !== undefined) {
      value = SIMPLE_ESCAPES[next];
    } else if (next === 'x') {
      const hex = source.slice(index + 2, index + 4);
      if (!/^[\da-f]{2}$/i.test(hex)) return undefined;
      value = String.fromCharCode(Number.parseInt(hex, 16));
      width = 4;
    } else if (next === 'u') {
      const braced = /^\{([\da-f]+)\}/i.exec(source.slice(index + 2, end));
      const plain = /^[\da-f]{4}/i.exec(source.slice(index + 2, index + 6));
      const hex = braced ? braced[1]! : plain?.[0];
      if (hex === undefined) return undefined;
      const codePoint = Number.parseInt(hex, 16);
      if (codePoint > 0x10ffff) return undefined;
      value = String.fromCodePoint(codePoint);
      width = 2 + (braced ? braced[0].length : 4);
    } else if (next === '0' && !/\d/.test(source[index + 2] ?? '')) {
      value = '\0';
    } else if (/[0-7]/.test(next)) {
      if (template) return undefined; // legacy octal escapes are errors in templates
      let digits = /^[0-7]{1,3}/.exec(source.slice(index + 1, end))![0];
      while (Number.parseInt(digits, 8) > 255) digits = digits.slice(0, -1);
      value = String.fromCharCode(Number.parseInt(digits, 8));
      width = 1 + digits.length;
    } else {
      value = next; // \' \" \` \\ \$ \8 \9 and identity escapes
    }
    emit(value, index, index + width);
    index += width;
  }
  return out;
}
