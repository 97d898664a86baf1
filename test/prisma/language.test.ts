// The `fortress/prisma` language and its parser: the AST contract, positions, recovery, hostile input.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { createPrismaProgram, prisma, PrismaSourceCode } from '../../src/prisma/language.js';
import { parsePrisma, type PrismaField, type PrismaValue } from '../../src/prisma/parser.js';
import { ownProvider } from '../../src/prisma/provider.js';

const file = (body: string) => ({ path: 'schema.prisma', physicalPath: 'schema.prisma', bom: false, body });

const SCHEMA = `// The app's schema.
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views", "relationJoins"]
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// A user.
model User {
  id       String   @id @default(uuid(7)) @db.Uuid
  email    String   @unique @db.VarChar(255)
  posts    Post[]
  location Unsupported("point")?
  role     Role     @default(USER)

  @@index([email(sort: Desc)], type: Hash)
  @@map("users")
}

enum Role {
  USER  @map("user")
  ADMIN
}
`;

const fieldsOf = (text: string): PrismaField[] =>
  createPrismaProgram(text).blocks.flatMap((block) => block.members.filter((member): member is PrismaField => member.type === 'Field'));

describe('the parser', () => {
  it('reads blocks, fields, attributes, settings, enum values and block attributes', () => {
    const program = createPrismaProgram(SCHEMA);
    expect(program.parseErrors).toEqual([]);
    expect(program.blocks.map((block) => [block.kind, block.name, block.members.length])).toEqual([
      ['generator', 'client', 2],
      ['datasource', 'db', 2],
      ['model', 'User', 7],
      ['enum', 'Role', 2],
    ]);
    expect(ownProvider(program)).toBe('postgresql');
    const user = program.blocks[2]!;
    expect(user.members.map((member) => (member.type === 'Field' ? `${member.name}:${member.fieldType.name}${member.fieldType.list ? '[]' : ''}${member.fieldType.optional ? '?' : ''}` : `${member.type}:${'name' in member ? member.name : ''}`))).toEqual([
      'id:String',
      'email:String',
      'posts:Post[]',
      'location:Unsupported?',
      'role:Role',
      'BlockAttribute:index',
      'BlockAttribute:map',
    ]);
    const id = user.members[0] as PrismaField;
    expect(id.attributes.map((attribute) => attribute.name)).toEqual(['id', 'default', 'db.Uuid']);
    const call = id.attributes[1]!.args[0]!.value as PrismaValue & { type: 'Call' };
    expect([call.callee, call.args.map((arg) => arg.value)]).toMatchObject(['uuid', [{ type: 'Number', value: 7 }]]);
    const index = user.members[5]!;
    expect(index.type === 'BlockAttribute' && index.args.map((arg) => [arg.name, arg.value.type])).toEqual([
      [undefined, 'Array'],
      ['type', 'Identifier'],
    ]);
    const generator = program.blocks[0]!.members[1]!;
    expect(generator.type === 'Assignment' && generator.value.type === 'Array' && generator.value.elements.map((element) => element.type === 'String' && element.value)).toEqual(['views', 'relationJoins']);
  });

  it('gives every node a range and a loc (1-based lines, 0-based columns) that agree with the text', () => {
    const program = createPrismaProgram(SCHEMA);
    const lines = SCHEMA.split('\n');
    const nodes = [program, ...program.blocks, ...program.blocks.flatMap((block) => block.members), ...program.comments];
    for (const node of nodes) {
      const [start] = node.range;
      const before = SCHEMA.slice(0, start).split('\n');
      expect(node.loc.start).toEqual({ line: before.length, column: before.at(-1)!.length });
    }
    const email = fieldsOf(SCHEMA)[1]!;
    expect(SCHEMA.slice(...email.range)).toBe('email    String   @unique @db.VarChar(255)');
    expect(email.loc).toEqual({ start: { line: 15, column: 2 }, end: { line: 15, column: 44 } });
    expect(lines[14]).toContain('email');
    expect(SCHEMA.slice(...email.fieldType.range)).toBe('String');
    expect(program.comments.map((comment) => [comment.kind, comment.value, comment.loc.start.line])).toEqual([
      ['Line', " The app's schema.", 1],
      ['Doc', ' A user.', 12],
    ]);
  });

  it('reads strings with escapes, and line comments inside blocks', () => {
    const fields = fieldsOf('model A {\n  a String @default("say \\"hi\\"\\n\\u00e9 // not a comment") // a comment\n}\n');
    expect(fields[0]!.attributes[0]!.args[0]!.value).toMatchObject({ type: 'String', value: 'say "hi"\né // not a comment' });
  });

  it('spans attribute arguments over several lines', () => {
    const program = createPrismaProgram('model A {\n  a Int\n  b Int\n  @@id(\n    [a,\n     b],\n  )\n}\n');
    expect(program.parseErrors).toEqual([]);
    expect(program.blocks[0]!.members.at(-1)).toMatchObject({ type: 'BlockAttribute', name: 'id', loc: { start: { line: 4 }, end: { line: 7 } } });
  });

  it('takes CRLF line ends and a byte order mark', () => {
    const text = `\uFEFF${SCHEMA.replaceAll('\n', '\r\n')}`;
    const program = createPrismaProgram(text);
    expect(program.parseErrors).toEqual([]);
    expect(program.blocks).toHaveLength(4);
    expect(fieldsOf(text)[1]!.loc.start).toEqual({ line: 15, column: 2 });
    expect(program.comments[0]!.value).toBe(" The app's schema.");
  });

  it('an empty file, blank lines and comments only: no blocks, no errors', () => {
    for (const text of ['', '\n\n  \r\n', '// a\n/// b']) {
      const program = createPrismaProgram(text);
      expect([program.blocks, program.parseErrors]).toEqual([[], []]);
    }
  });

  it.each([
    ['an unclosed block', 'model A {\n  id Int @id\n', 'The "{" of model A is never closed.', { line: 1, column: 8 }, 1],
    ['a stray character', 'model A {\n  id Int @id\n}\n$\nmodel B {\n  id Int @id\n}\n', 'Unexpected "$": expected a block (model, enum, view, type, datasource or generator).', { line: 4, column: 0 }, 2],
    ['a stray line in a model', 'model A {\n  id Int @id\n  ) oops\n  b Int\n}\n', 'Unexpected ")" in model A.', { line: 3, column: 2 }, 1],
    ['a field without a type', 'model A {\n  id\n  b Int\n}\n', 'Expected the type of field "id" but found the end of the line.', { line: 2, column: 4 }, 1],
    ['an unterminated string', 'datasource db {\n  provider = "postgresql\n}\n', 'Unterminated string: a string ends with `"` on its line.', { line: 2, column: 13 }, 1],
    ['an unclosed list', 'model A {\n  id Int\n  @@id([id\n}\n', 'Expected "," or "]" but found "}".', { line: 4, column: 0 }, 1],
    ['a setting without "="', 'generator c {\n  provider "x"\n}\n', 'Expected "=" after "provider" but found ""x"".', { line: 2, column: 11 }, 0],
  ])('%s: the error, where, and the tree recovered around it', (_title, text, message, loc, blocks) => {
    const program = createPrismaProgram(text);
    expect(program.parseErrors[0]).toMatchObject({ message, loc });
    expect(program.blocks.length).toBeGreaterThanOrEqual(blocks);
  });

  it('keeps the blocks after an error (the line is skipped, not the file)', () => {
    const program = createPrismaProgram('model A {\n  id Int @id @@ ?\n  b String @default(uuid())\n}\nmodel B {\n  id Int @id\n}\n');
    expect(program.parseErrors).toHaveLength(1);
    expect(program.blocks.map((block) => [block.name, block.members.map((member) => ('name' in member ? member.name : ''))])).toEqual([
      ['A', ['id', 'b']],
      ['B', ['id']],
    ]);
  });

  it('nests 100,000 lists deep without recursion, and never throws on garbage', () => {
    const deep = `model A {\n  a Int @default(${'['.repeat(100_000)}1${']'.repeat(100_000)})\n}\n`;
    expect(createPrismaProgram(deep).parseErrors).toEqual([]);
    const unclosed = `model A {\n  a Int @default(${'['.repeat(100_000)}\n}\n`;
    expect(createPrismaProgram(unclosed).parseErrors.length).toBeGreaterThan(0);
    let seed = 7;
    const alphabet = 'model enum{}()[]@@,:=?."\\ \n\r\t/a1-\uFEFF\u00e9😀';
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let index = 0; index < 300; index++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += alphabet[seed % alphabet.length];
      }
      const result = parsePrisma(text);
      expect(result.errors.length).toBeLessThanOrEqual(100);
      for (const error of result.errors) expect(error.offset).toBeLessThanOrEqual(text.length);
    }
  });

  it('parses 5 MB of fields (one model) into every field', () => {
    const lines = ['model Big {'];
    for (let index = 0; index < 110_000; index++) lines.push(`  f${index} String @default("v${index}") @db.VarChar(64)`);
    lines.push('}');
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(5_000_000);
    const program = createPrismaProgram(text);
    expect(program.parseErrors).toEqual([]);
    expect(program.blocks[0]!.members).toHaveLength(110_000);
    expect(program.blocks[0]!.members.at(-1)!.loc.start.line).toBe(110_001);
  });
});

describe('the language under ESLint', () => {
  const lint = (text: string, rules: Linter.RulesRecord = { 'fortress/prisma-no-uuid-v4-primary-key': 'error' }) =>
    new Linter().verify(text, [{ files: ['**/*.prisma'], plugins: { fortress: plugin as never }, language: 'fortress/prisma', rules }], { filename: 'schema.prisma' });

  it('reports each syntax error as a fatal parsing error with a 1-based column', () => {
    const messages = lint('model A {\n  id Int @id\n  ) oops\n}\n$\n');
    expect(messages.map((message) => [message.fatal, message.ruleId, message.line, message.column, message.message])).toEqual([
      [true, null, 3, 3, 'Parsing error: Unexpected ")" in model A.'],
      [true, null, 5, 1, 'Parsing error: Unexpected "$": expected a block (model, enum, view, type, datasource or generator).'],
    ]);
  });

  it('honours eslint-disable comments and inline rule configs', () => {
    const model = 'model A {\n  id String @id @default(uuid())\n}\n';
    expect(lint(model)).toHaveLength(1);
    expect(lint(model.replace('  id', '  // eslint-disable-next-line fortress/prisma-no-uuid-v4-primary-key -- public ids\n  id'))).toEqual([]);
    expect(lint(model.replace('uuid())', 'uuid()) // eslint-disable-line fortress/prisma-no-uuid-v4-primary-key'))).toEqual([]);
    expect(lint(`// eslint fortress/prisma-no-uuid-v4-primary-key: "off"\n${model}`)).toEqual([]);
    expect(lint(`// eslint-disable\n${model}`)).toEqual([]);
  });

  it('visits Program, Block and members in source order, with parents', () => {
    const seen: string[] = [];
    const probe = {
      meta: { type: 'problem', schema: [] },
      create: (context: { sourceCode: PrismaSourceCode }) => ({
        Program: () => seen.push('Program'),
        Block: (node: { name: string }) => seen.push(`Block ${node.name} <${context.sourceCode.getParent(node as never)?.type}>`),
        Field: (node: { name: string }) => seen.push(`Field ${node.name} <${(context.sourceCode.getParent(node as never) as { name?: string })?.name}>`),
        'Block:exit': () => seen.push('Block:exit'),
        'Program:exit': (node: never) => seen.push(`Program:exit ${String(context.sourceCode.getParent(node))}`),
      }),
    };
    new Linter().verify('model A {\n  a Int\n}\nenum E {\n  X\n}\n', [
      { files: ['**/*.prisma'], plugins: { fortress: plugin as never, probe: { rules: { probe } } as never }, language: 'fortress/prisma', rules: { 'probe/probe': 'error' } },
    ], { filename: 'schema.prisma' });
    expect(seen).toEqual(['Program', 'Block A <Program>', 'Field a <A>', 'Block:exit', 'Block E <Program>', 'Block:exit', 'Program:exit undefined']);
  });

  it('parses a Uint8Array body and ignores language options meant for JavaScript', () => {
    const result = prisma.parse(file(new TextEncoder().encode('model A {\n  id Int @id\n}\n') as never), { languageOptions: {} });
    expect(result.ok && result.ast.blocks[0]!.name).toBe('A');
    expect(() => prisma.validateLanguageOptions({ sourceType: 'module' })).not.toThrow();
    expect(() => prisma.validateLanguageOptions(null as never)).toThrow(TypeError);
  });

  it('the configs lint *.prisma with the Prisma rules only; SQL and TypeScript rules do nothing there', () => {
    const blocks = [...plugin.configs.all] as Linter.Config[];
    const prismaBlock = blocks.find((block) => block.language === 'fortress/prisma');
    expect(prismaBlock?.files).toEqual(['**/*.prisma']);
    expect(Object.keys(prismaBlock?.rules ?? {})).toEqual(['fortress/prisma-no-uuid-v4-primary-key']);
    expect(([...plugin.configs.recommended] as Linter.Config[]).some((block) => block.language === 'fortress/prisma')).toBe(true);
    const everyRule = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`fortress/${name}`, 'error' as const]));
    const messages = lint('model A {\n  id String @id @default(uuid())\n}\n', everyRule);
    expect(messages.map((message) => message.ruleId)).toEqual(['fortress/prisma-no-uuid-v4-primary-key']);
  });
});
