// Behaviours of sql-no-uuid-v4-primary-key that a mutant could change without a failing test (issue 13,
// `npm run mutate:target -- src/sql/rules/sql-no-uuid-v4-primary-key.ts`).
import rule from '../../src/sql/rules/sql-no-uuid-v4-primary-key.js';
import { runSqlRuleTester } from '../sql/sql-rule-tester.js';

const finding = (line: number, column: number, column_ = 'id', fn = 'gen_random_uuid') => ({
  messageId: 'noUuidV4PrimaryKey',
  line,
  column,
  data: { column: column_, fn },
});

runSqlRuleTester('sql-no-uuid-v4-primary-key', rule, {
  valid: [
    // An array of uuids, a generator called with an argument: not a random uuid key.
    "CREATE TABLE a (id uuid[] PRIMARY KEY DEFAULT ARRAY[gen_random_uuid()]);",
    "CREATE TABLE b (id uuid PRIMARY KEY DEFAULT app.gen_random_uuid('v7'));",
    // The column's type changed to text before it became the key; the column dropped and added back without the default.
    "CREATE TABLE c (id uuid NOT NULL DEFAULT gen_random_uuid());\nALTER TABLE c ALTER COLUMN id TYPE text;\nALTER TABLE c ADD PRIMARY KEY (id);",
    "CREATE TABLE d (id uuid NOT NULL DEFAULT gen_random_uuid());\nALTER TABLE d DROP COLUMN id;\nALTER TABLE d ADD COLUMN id uuid NOT NULL;\nALTER TABLE d ADD PRIMARY KEY (id);",
    // A table created again forgets the earlier one's columns.
    "CREATE TABLE e (id uuid NOT NULL DEFAULT gen_random_uuid());\nDROP TABLE e;\nCREATE TABLE e (id uuid NOT NULL);\nALTER TABLE e ADD PRIMARY KEY (id);",
    // ALTER FOREIGN TABLE does not change a table of this file.
    "CREATE TABLE remote (id uuid PRIMARY KEY);\nALTER FOREIGN TABLE remote ALTER COLUMN id SET DEFAULT gen_random_uuid();",
    // A primary key that is not the uuid column with the default.
    "CREATE TABLE f (id uuid NOT NULL DEFAULT gen_random_uuid(), n int NOT NULL);\nALTER TABLE f ADD CONSTRAINT f_pkey PRIMARY KEY (n);",
  ],
  invalid: [
    // What the finding names: the column and the generator.
    { code: 'CREATE TABLE g (uid uuid PRIMARY KEY DEFAULT uuid_generate_v4());', errors: [finding(1, 38, 'uid', 'uuid_generate_v4')] },
    // Reported once per column, however many statements make it a random uuid key again.
    {
      code: 'CREATE TABLE h (id uuid PRIMARY KEY DEFAULT gen_random_uuid());\nALTER TABLE h ALTER COLUMN id SET DEFAULT gen_random_uuid();',
      errors: [finding(1, 37)],
    },
    // The type changed back to uuid: the default and the key make a finding again.
    {
      code: 'CREATE TABLE i (id uuid NOT NULL DEFAULT gen_random_uuid());\nALTER TABLE i ALTER COLUMN id TYPE uuid USING id::uuid;\nALTER TABLE i ADD PRIMARY KEY (id);',
      errors: [finding(3, 19)],
    },
    // A column this file does not show the type of, given the default after being made the key here.
    {
      code: 'ALTER TABLE users ADD PRIMARY KEY (id);\nALTER TABLE users ALTER COLUMN id SET DEFAULT gen_random_uuid();',
      errors: [finding(2, 47)],
    },
  ],
});
