/**
 * The ESLint language `fortress/prisma` for Prisma schema files (`*.prisma`), on the parser of ./parser.ts.
 *
 * AST contract (public to Prisma rules; extend, don't break):
 *
 *   Program = { type: 'Program', blocks: PrismaBlock[], comments: PrismaComment[], parseErrors: PrismaParseError[],
 *               range: [0, text.length], loc }
 *   PrismaBlock = { type: 'Block', kind: 'model' | 'view' | 'type' | 'enum' | 'datasource' | 'generator', name,
 *                   members: (Field | EnumValue | Assignment | BlockAttribute)[], range, loc }
 *   Field = { type: 'Field', name, fieldType: { name, args, list, optional, range, loc }, attributes, range, loc }
 *   attributes / BlockAttribute: { name: 'id' | 'default' | 'db.Uuid' | …, args: { name?, value }[], range, loc };
 *   values: String | Number | Identifier | Call { callee, args } | Array { elements }, each with range and loc.
 *
 * Rules listen to `Program`, `Block`, `Field`, `EnumValue`, `Assignment`, `BlockAttribute` (and their `:exit`).
 * Lines are 1-based, columns 0-based; ranges are string offsets.
 *
 * A file that is not valid PSL is a fatal parsing error for each error found (with its line and column, as a
 * JavaScript syntax error is): ESLint reports them and runs no rule on the file. Under ESLint, rules therefore see
 * `parseErrors: []`; `createPrismaProgram` (for other callers) returns the tree recovered around the errors and them.
 */
import type { File, Language, OkParseResult, ParseResult } from '@eslint/core';
import { VisitNodeStep } from '@eslint/plugin-kit';

import { positionAt } from '../sql/language.js';
import { CommentDirectivesSourceCode } from '../util/inline-config.js';
import { TEXT_LANGUAGE, textOf } from '../util/text-language.js';

import { parsePrisma, type PrismaBlock, type PrismaComment, type PrismaMember, type PrismaParseError, type PrismaPosition } from './parser.js';

export interface PrismaProgram {
  type: 'Program';
  blocks: PrismaBlock[];
  comments: PrismaComment[];
  parseErrors: PrismaParseError[];
  range: [number, number];
  loc: { start: PrismaPosition; end: PrismaPosition };
}

export type PrismaAstNode = PrismaProgram | PrismaBlock | PrismaMember;

/** The Prisma language has no options. */
export type PrismaLanguageOptions = Record<string, unknown>;

/** Builds the program for a Prisma schema text; never throws. */
export function createPrismaProgram(text: string): PrismaProgram {
  const { blocks, comments, errors, lineStarts } = parsePrisma(text);
  const program: PrismaProgram = {
    type: 'Program',
    blocks,
    comments,
    parseErrors: errors,
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: positionAt(lineStarts, text.length) },
  };
  parents.set(program, program);
  for (const block of blocks) {
    parents.set(block, program);
    for (const member of block.members) parents.set(member, block);
  }
  return program;
}

/** Each node's parent (the program's is itself, so that getParent can say undefined for it). */
const parents = new WeakMap<object, PrismaProgram | PrismaBlock>();

type PrismaSourceCodeOptions = {
  LangOptions: PrismaLanguageOptions;
  RootNode: PrismaProgram;
  SyntaxElementWithLoc: PrismaAstNode | PrismaComment;
  ConfigNode: PrismaComment;
};

export class PrismaSourceCode extends CommentDirectivesSourceCode<PrismaSourceCodeOptions> {
  readonly comments: PrismaComment[];

  constructor({ text, ast }: { text: string; ast: PrismaProgram }) {
    super({ text, ast });
    this.ast = ast;
    this.comments = ast.comments;
  }

  override getParent(node: PrismaAstNode): PrismaAstNode | undefined {
    const parent = parents.get(node);
    return parent === node ? undefined : parent;
  }

  /** Enter/exit steps: Program, each Block, its members, in source order. */
  override *traverse(): Iterable<VisitNodeStep> {
    const program = this.ast;
    yield new VisitNodeStep({ target: program, phase: 1, args: [program, undefined] });
    for (const block of program.blocks) {
      yield new VisitNodeStep({ target: block, phase: 1, args: [block, program] });
      for (const member of block.members) {
        yield new VisitNodeStep({ target: member, phase: 1, args: [member, block] });
        yield new VisitNodeStep({ target: member, phase: 2, args: [member, block] });
      }
      yield new VisitNodeStep({ target: block, phase: 2, args: [block, program] });
    }
    yield new VisitNodeStep({ target: program, phase: 2, args: [program, undefined] });
  }
}

export const VISITOR_KEYS: Record<string, string[]> = {
  Program: ['blocks'],
  Block: ['members'],
  Field: [],
  EnumValue: [],
  Assignment: [],
  BlockAttribute: [],
};

export const prisma: Language<{ LangOptions: PrismaLanguageOptions; Code: PrismaSourceCode; RootNode: PrismaProgram; Node: PrismaAstNode }> = {
  ...TEXT_LANGUAGE,
  visitorKeys: VISITOR_KEYS,

  parse(file: File): ParseResult<PrismaProgram> {
    const program = createPrismaProgram(textOf(file));
    if (program.parseErrors.length > 0) {
      // ESLint prints "Parsing error: <message>" at the line/column as given: make the column 1-based, as ESLint prints.
      return { ok: false, errors: program.parseErrors.map(({ message, loc }) => ({ message, line: loc.line, column: loc.column + 1 })) };
    }
    return { ok: true, ast: program };
  },

  createSourceCode(file: File, input: OkParseResult<PrismaProgram>): PrismaSourceCode {
    return new PrismaSourceCode({ text: textOf(file), ast: input.ast });
  },
};
