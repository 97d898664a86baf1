/**
 * A small parser of the Prisma schema language (PSL), enough for rules that read models: blocks (`datasource`,
 * `generator`, `model`, `view`, `type`, `enum`), their members (fields `name Type[]? @attr(args)`, enum values,
 * `key = value` settings, block attributes `@@id([a, b])`), `//` and `///` comments, strings with escapes.
 *
 * One pass over the text, no recursion (nested values — `@@index([a(sort: Desc)])` — use an explicit stack), so
 * time and stack depth stay linear and flat on any input. Never throws: a text that is not valid PSL yields the tree
 * recovered around the error (the rest of the line, or the unclosed block, is skipped) and the errors, in order.
 * Positions: `range` is [start, end) string offsets; `loc` lines are 1-based and columns 0-based, as ESLint's.
 */
import { lineStarts, positionAt } from '../sql/language.js';

export interface PrismaPosition {
  line: number;
  column: number;
}
export interface PrismaLocated {
  range: [number, number];
  loc: { start: PrismaPosition; end: PrismaPosition };
}

export type PrismaValue =
  | ({ type: 'String'; value: string } & PrismaLocated)
  | ({ type: 'Number'; value: number } & PrismaLocated)
  /** An identifier or a dotted path: `true`, `Desc`, `db.Uuid`. */
  | ({ type: 'Identifier'; name: string } & PrismaLocated)
  | ({ type: 'Call'; callee: string; args: PrismaArgument[] } & PrismaLocated)
  | ({ type: 'Array'; elements: PrismaValue[] } & PrismaLocated);

/** An argument of an attribute or a function: `name: value`, or a positional value (`name` undefined). */
export interface PrismaArgument {
  name: string | undefined;
  value: PrismaValue;
}

/** `@id`, `@default(uuid())`, `@db.Uuid` (name `db.Uuid`); `@@id([a, b])` (a block attribute, name `id`). */
export interface PrismaAttribute extends PrismaLocated {
  type: 'Attribute';
  name: string;
  args: PrismaArgument[];
}

export interface PrismaField extends PrismaLocated {
  type: 'Field';
  name: string;
  /** The type's name (`String`, `User`, `Unsupported`); `args` holds `Unsupported("…")`'s argument. */
  fieldType: { name: string; args: PrismaArgument[]; list: boolean; optional: boolean } & PrismaLocated;
  attributes: PrismaAttribute[];
}

export interface PrismaEnumValue extends PrismaLocated {
  type: 'EnumValue';
  name: string;
  attributes: PrismaAttribute[];
}

/** A `key = value` line of a `datasource` or `generator` block. */
export interface PrismaAssignment extends PrismaLocated {
  type: 'Assignment';
  key: string;
  value: PrismaValue;
}

export interface PrismaBlockAttribute extends PrismaLocated {
  type: 'BlockAttribute';
  name: string;
  args: PrismaArgument[];
}

export type PrismaMember = PrismaField | PrismaEnumValue | PrismaAssignment | PrismaBlockAttribute;

export interface PrismaBlock extends PrismaLocated {
  type: 'Block';
  kind: 'datasource' | 'generator' | 'model' | 'view' | 'type' | 'enum';
  name: string;
  members: PrismaMember[];
}

export interface PrismaComment extends PrismaLocated {
  type: 'Comment';
  /** `Line` for `//`, `Doc` for `///` (Prisma's documentation comments). */
  kind: 'Line' | 'Doc';
  value: string;
}

export interface PrismaParseError {
  message: string;
  offset: number;
  loc: PrismaPosition;
}

export interface PrismaParseResult {
  blocks: PrismaBlock[];
  comments: PrismaComment[];
  errors: PrismaParseError[];
  lineStarts: ArrayLike<number>;
}

/**
 * Where a node is: `start`/`end` offsets; `range` and `loc` are made when read (a schema of 100,000 fields would
 * otherwise hold millions of small arrays and position objects for as long as the lint).
 */
export class Span implements PrismaLocated {
  readonly #starts: ArrayLike<number>;
  start: number;
  end: number;

  constructor(starts: ArrayLike<number>, start: number, end: number) {
    this.#starts = starts;
    this.start = start;
    this.end = end;
  }

  get range(): [number, number] {
    return [this.start, this.end];
  }

  get loc(): { start: PrismaPosition; end: PrismaPosition } {
    return { start: positionAt(this.#starts, this.start), end: positionAt(this.#starts, this.end) };
  }
}

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'eof' | 'invalid';

const BLOCK_KINDS = new Set(['datasource', 'generator', 'model', 'view', 'type', 'enum']);
/** Errors kept per file: a file of garbage does not make a list as long as itself. */
const MAX_ERRORS = 100;

const isIdentStart = (code: number): boolean => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
const isIdentPart = (code: number): boolean => isIdentStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '0': '\0' };

/** The scanner and parser of one text (one use). */
class Parser {
  readonly text: string;
  readonly starts: Uint32Array;
  readonly comments: PrismaComment[] = [];
  readonly errors: PrismaParseError[] = [];
  // The current token.
  kind: TokenKind = 'eof';
  start = 0;
  end = 0;
  value = '';
  #at = 0;

  constructor(text: string) {
    this.text = text;
    this.starts = lineStarts(text);
    // A byte order mark is not part of the schema.
    this.#at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.next();
  }

  /** A node: `fields` on a span of the text (its `range` and `loc` are computed when read). */
  node<const T extends object>(start: number, end: number, fields: T): T & Span {
    return Object.assign(new Span(this.starts, start, end), fields);
  }

  error(message: string, offset = this.start): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, offset, loc: positionAt(this.starts, offset) });
  }

  /** What the current token is, for messages. */
  describe(): string {
    if (this.kind === 'eof') return 'the end of the file';
    if (this.kind === 'newline') return 'the end of the line';
    return `"${this.text.slice(this.start, Math.min(this.end, this.start + 30))}"`;
  }

  /** The current token is of `kind` (a method: TypeScript keeps no narrowing of `this.kind` across `next()`). */
  at(kind: TokenKind): boolean {
    return this.kind === kind;
  }

  is(punct: string): boolean {
    return this.kind === 'punct' && this.value === punct;
  }

  /** Moves to the next token; comments are collected on the way. */
  next(): void {
    const { text } = this;
    let at = this.#at;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0b || code === 0x0c || code === 0xfeff) at++;
      else if (code === 0x2f && text.charCodeAt(at + 1) === 0x2f) {
        let end = text.indexOf('\n', at);
        if (end === -1) end = text.length;
        const doc = text.charCodeAt(at + 2) === 0x2f;
        const valueEnd = text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
        this.comments.push(this.node(at, valueEnd, { type: 'Comment', kind: doc ? 'Doc' : 'Line', value: text.slice(at + (doc ? 3 : 2), valueEnd) }));
        at = end;
      } else break;
    }
    this.start = at;
    if (at >= text.length) {
      this.#set('eof', at, '');
      return;
    }
    const code = text.charCodeAt(at);
    if (code === 0x0a) this.#set('newline', at + 1, '\n');
    else if (isIdentStart(code)) {
      let end = at + 1;
      while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
      this.#set('ident', end, text.slice(at, end));
    } else if (isDigit(code) || (code === 0x2d && isDigit(text.charCodeAt(at + 1)))) {
      let end = at + 1;
      while (end < text.length && (isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 0x2e)) end++;
      this.#set('number', end, text.slice(at, end));
    } else if (code === 0x22) this.#string(at);
    else if (code === 0x40 && text.charCodeAt(at + 1) === 0x40) this.#set('punct', at + 2, '@@');
    else if ('{}()[],:=?@.'.includes(text[at]!)) this.#set('punct', at + 1, text[at]!);
    else {
      // One character (a whole surrogate pair) that PSL has no use for.
      const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      this.#set('invalid', at + width, text.slice(at, at + width));
    }
  }

  #set(kind: TokenKind, end: number, value: string): void {
    this.kind = kind;
    this.end = end;
    this.value = value;
    this.#at = end;
  }

  /** A `"…"` string: `\` escapes one character (`\n`, `\"`, `\u00e9`); a line break or the end ends it unterminated. */
  #string(at: number): void {
    const { text } = this;
    let end = at + 1;
    let value = '';
    let chunk = end;
    for (;;) {
      const code = text.charCodeAt(end);
      if (end >= text.length || code === 0x0a) {
        this.error('Unterminated string: a string ends with `"` on its line.', at);
        value += text.slice(chunk, end);
        break;
      }
      if (code === 0x22) {
        value += text.slice(chunk, end);
        end++;
        break;
      }
      if (code === 0x5c && end + 1 < text.length && text.charCodeAt(end + 1) !== 0x0a) {
        value += text.slice(chunk, end);
        const escaped = text[end + 1]!;
        const hex = escaped === 'u' ? /^[0-9a-fA-F]{4}/.exec(text.slice(end + 2, end + 6))?.[0] : undefined;
        value += hex ? String.fromCharCode(Number.parseInt(hex, 16)) : (ESCAPES[escaped] ?? escaped);
        end += hex ? 6 : 2;
        chunk = end;
        continue;
      }
      end++;
    }
    this.#set('string', end, value);
  }

  skipNewlines(): void {
    while (this.kind === 'newline') this.next();
  }

  /** Skips the rest of the line (after an error), stopping before a `}` that may close the block. */
  skipLine(): void {
    while (this.kind !== 'newline' && this.kind !== 'eof' && !this.is('}')) this.next();
  }

  /** `ident(.ident)*` at the current token (an identifier); returns the path and its end. */
  path(): { name: string; end: number } {
    let name = this.value;
    let end = this.end;
    this.next();
    while (this.is('.') && this.start === end) {
      const dotEnd = this.end;
      this.next();
      if (this.kind !== 'ident' || this.start !== dotEnd) {
        this.error(`Expected a name after "." but found ${this.describe()}.`);
        return { name, end };
      }
      name += `.${this.value}`;
      end = this.end;
      this.next();
    }
    return { name, end };
  }

  /**
   * A value (string, number, identifier, call, array), or undefined after an error. Lists and calls nest through an
   * explicit stack of open frames; line breaks inside them are whitespace.
   */
  parseValue(): PrismaValue | undefined {
    interface Frame {
      start: number;
      callee: string | undefined; // undefined: an array
      items: PrismaArgument[];
      name: string | undefined;
    }
    const stack: Frame[] = [];
    for (;;) {
      // Expect a value, or the closer of an empty (or trailing-comma) frame.
      const top = stack.at(-1);
      if (top) this.skipNewlines();
      let value: PrismaValue | undefined;
      if (top && this.is(top.callee === undefined ? ']' : ')')) {
        value = this.#close(stack.pop()!);
      } else if (this.kind === 'string') {
        value = this.node(this.start, this.end, { type: 'String', value: this.value });
        this.next();
      } else if (this.kind === 'number') {
        value = this.node(this.start, this.end, { type: 'Number', value: Number(this.value) });
        this.next();
      } else if (this.kind === 'ident') {
        const start = this.start;
        const { name, end } = this.path();
        if (top?.callee !== undefined && top.name === undefined && this.is(':') && !name.includes('.')) {
          // `name: value` inside an argument list.
          top.name = name;
          this.next();
          continue;
        }
        if (this.is('(')) {
          stack.push({ start, callee: name, items: [], name: undefined });
          this.next();
          continue;
        }
        value = this.node(start, end, { type: 'Identifier', name });
      } else if (this.is('[')) {
        stack.push({ start: this.start, callee: undefined, items: [], name: undefined });
        this.next();
        continue;
      } else {
        this.error(`Expected a value but found ${this.describe()}.`);
        return undefined;
      }
      // After a value: done, or the next item, or the end of the frame.
      for (;;) {
        const frame = stack.at(-1);
        if (!frame) return value;
        frame.items.push({ name: frame.name, value });
        frame.name = undefined;
        this.skipNewlines();
        if (this.is(',')) {
          this.next();
          break;
        }
        if (this.is(frame.callee === undefined ? ']' : ')')) {
          value = this.#close(stack.pop()!);
          continue;
        }
        this.error(`Expected "," or "${frame.callee === undefined ? ']' : ')'}" but found ${this.describe()}.`);
        return undefined;
      }
    }
  }

  /** Ends a frame at its closer (the current token). */
  #close(frame: { start: number; callee: string | undefined; items: PrismaArgument[] }): PrismaValue {
    const end = this.end;
    this.next();
    if (frame.callee === undefined) return this.node(frame.start, end, { type: 'Array', elements: frame.items.map((item) => item.value) });
    return this.node(frame.start, end, { type: 'Call', callee: frame.callee, args: frame.items });
  }

  /** `@name(.name)*(args)?` attributes after a field or an enum value, up to the end of the line. */
  attributes(): PrismaAttribute[] | undefined {
    const attributes: PrismaAttribute[] = [];
    while (this.is('@')) {
      const start = this.start;
      this.next();
      if (this.kind !== 'ident') {
        this.error(`Expected an attribute name after "@" but found ${this.describe()}.`);
        return undefined;
      }
      const parsed = this.attributeBody(start);
      if (!parsed) return undefined;
      attributes.push(Object.assign(parsed, { type: 'Attribute' as const }));
    }
    return attributes;
  }

  /** The name and arguments of an attribute whose `@`/`@@` starts at `start` (the current token is its name). */
  attributeBody(start: number): ({ name: string; args: PrismaArgument[] } & Span) | undefined {
    const nameStart = this.start;
    let end = this.end;
    if (this.text.charCodeAt(this.end) === 0x28 || this.text.startsWith('.', this.end)) {
      // Parse `name(.name)*(…)` as a value: a call when it has arguments.
      const value = this.parseValue();
      if (!value) return undefined;
      end = value.range[1];
      const name = value.type === 'Call' ? value.callee : value.type === 'Identifier' ? value.name : this.text.slice(nameStart, end);
      return this.node(start, end, { name, args: value.type === 'Call' ? value.args : [] });
    }
    const name = this.value;
    this.next();
    return this.node(start, end, { name, args: [] as PrismaArgument[] });
  }

  /** The end of a member: a line break, `}` or the end of the file; anything else is an error (the line is skipped). */
  endMember(what: string): void {
    if (this.kind === 'newline' || this.kind === 'eof' || this.is('}')) return;
    this.error(`Unexpected ${this.describe()} after ${what}.`);
    this.skipLine();
  }

  member(block: PrismaBlock): PrismaMember | undefined {
    const start = this.start;
    if (this.is('@@')) {
      this.next();
      if (this.kind !== 'ident') {
        this.error(`Expected a block attribute name after "@@" but found ${this.describe()}.`);
        return undefined;
      }
      const parsed = this.attributeBody(start);
      return parsed && Object.assign(parsed, { type: 'BlockAttribute' as const });
    }
    if (this.kind !== 'ident') {
      this.error(`Unexpected ${this.describe()} in ${block.kind} ${block.name}.`);
      return undefined;
    }
    const name = this.value;
    this.next();
    if (block.kind === 'datasource' || block.kind === 'generator') {
      if (!this.is('=')) {
        this.error(`Expected "=" after "${name}" but found ${this.describe()}.`);
        return undefined;
      }
      this.next();
      const value = this.parseValue();
      return value && this.node(start, value.range[1], { type: 'Assignment', key: name, value });
    }
    if (block.kind === 'enum') {
      const attributes = this.attributes();
      const end = attributes?.at(-1)?.range[1] ?? start + name.length;
      return attributes && this.node(start, end, { type: 'EnumValue', name, attributes });
    }
    return this.field(start, name);
  }

  field(start: number, name: string): PrismaField | undefined {
    if (this.kind !== 'ident') {
      this.error(`Expected the type of field "${name}" but found ${this.describe()}.`);
      return undefined;
    }
    const typeStart = this.start;
    const type = this.parseValue();
    if (!type) return undefined;
    if (type.type !== 'Identifier' && type.type !== 'Call') {
      this.error(`Expected the type of field "${name}".`, typeStart);
      return undefined;
    }
    let typeEnd = type.range[1];
    let list = false;
    let optional = false;
    if (this.is('[') && this.text.charCodeAt(this.end) === 0x5d) {
      this.next();
      typeEnd = this.end;
      this.next();
      list = true;
    }
    if (this.is('?')) {
      typeEnd = this.end;
      this.next();
      optional = true;
    }
    const fieldType = this.node(typeStart, typeEnd, {
      name: type.type === 'Call' ? type.callee : type.name,
      args: type.type === 'Call' ? type.args : [],
      list,
      optional,
    });
    const attributes = this.attributes();
    if (!attributes) return undefined;
    const end = attributes.at(-1)?.range[1] ?? typeEnd;
    return this.node(start, end, { type: 'Field', name, fieldType, attributes });
  }

  block(kind: PrismaBlock['kind'], start: number): PrismaBlock | undefined {
    this.next();
    if (this.kind !== 'ident') {
      this.error(`Expected a name after "${kind}" but found ${this.describe()}.`);
      return undefined;
    }
    const name = this.value;
    this.next();
    if (!this.is('{')) {
      this.error(`Expected "{" after ${kind} ${name} but found ${this.describe()}.`);
      return undefined;
    }
    const open = this.start;
    this.next();
    const block = this.node(start, start, { type: 'Block' as const, kind, name, members: [] as PrismaMember[] });
    for (;;) {
      this.skipNewlines();
      if (this.is('}')) {
        block.end = this.end;
        this.next();
        return block;
      }
      if (this.at('eof')) {
        this.error(`The "{" of ${kind} ${name} is never closed.`, open);
        block.end = this.start;
        return block;
      }
      const member = this.member(block);
      if (member) {
        block.members.push(member);
        this.endMember(member.type === 'Field' || member.type === 'EnumValue' || member.type === 'Assignment' ? `"${member.type === 'Assignment' ? member.key : member.name}"` : `@@${member.name}`);
      } else this.skipLine();
    }
  }

  program(): PrismaBlock[] {
    const blocks: PrismaBlock[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.kind === 'eof') return blocks;
      const start = this.start;
      if (this.kind === 'ident' && BLOCK_KINDS.has(this.value)) {
        const block = this.block(this.value as PrismaBlock['kind'], start);
        if (block) {
          blocks.push(block);
          continue;
        }
      } else this.error(`Unexpected ${this.describe()}: expected a block (model, enum, view, type, datasource or generator).`);
      // Skip to the next line that may start a block; a stray `}` is skipped with it.
      this.skipLine();
      if (this.is('}')) this.next();
    }
  }
}

/** Parses a Prisma schema text; never throws. */
export function parsePrisma(text: string): PrismaParseResult {
  const parser = new Parser(text);
  const blocks = parser.program();
  return { blocks, comments: parser.comments, errors: parser.errors, lineStarts: parser.starts };
}
