// Behaviours of sql-require-foreign-key-index that a deliberate bug left unnoticed (issue 13): the covering test of a
// composite foreign key (`every` → `some` in src/sql/foreign-key-index.ts stopped the first finding below).
import rule from '../../src/sql/rules/sql-require-foreign-key-index.js';
import { runSqlRuleTester } from '../sql/sql-rule-tester.js';

const ALONE = 'scratch/standalone.sql';
const ORDERS = 'CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));\n';
const ITEMS = 'CREATE TABLE items (tenant_id bigint, order_id bigint, created_at timestamptz, FOREIGN KEY (tenant_id, order_id) REFERENCES orders);\n';
const missingNew = (line: number, column: number) => ({ messageId: 'missingIndexNewTable', line, column });

runSqlRuleTester('sql-require-foreign-key-index', rule, {
  valid: [
    // The index holds both key columns first, in another order, then more.
    { code: `${ORDERS}${ITEMS}CREATE INDEX ON items (order_id, tenant_id, created_at);`, filename: ALONE },
    // A one-column hash index on a one-column key.
    { code: `${ORDERS}CREATE TABLE notes (id bigint, order_ref bigint REFERENCES items_ref);\nCREATE TABLE items_ref (id bigint PRIMARY KEY);\nCREATE INDEX ON notes USING hash (order_ref);`, filename: ALONE },
  ],
  invalid: [
    // The index shares the first column only: lookups on (tenant_id, order_id) still scan every row of the tenant.
    { code: `${ORDERS}${ITEMS}CREATE INDEX ON items (tenant_id, created_at);`, filename: ALONE, errors: [missingNew(2, 80)] },
    // The key columns are in the index, but not as its leading columns.
    { code: `${ORDERS}${ITEMS}CREATE INDEX ON items (created_at, tenant_id, order_id);`, filename: ALONE, errors: [missingNew(2, 80)] },
    // A partial index does not serve every lookup.
    { code: `${ORDERS}${ITEMS}CREATE INDEX ON items (tenant_id, order_id) WHERE created_at IS NOT NULL;`, filename: ALONE, errors: [missingNew(2, 80)] },
    // A hash index holds one column: it cannot cover a two-column key.
    { code: `${ORDERS}${ITEMS}CREATE INDEX ON items USING hash (tenant_id);`, filename: ALONE, errors: [missingNew(2, 80)] },
    // What the finding says of a composite key: both columns, in key order, and the index name PostgreSQL would give.
    {
      code: `${ORDERS}${ITEMS}`,
      filename: ALONE,
      errors: [
        {
          ...missingNew(2, 80),
          data: { constraint: 'items_tenant_id_order_id_fkey', table: 'items', columns: 'tenant_id, order_id', referenced: 'orders', index: 'items_tenant_id_order_id_idx' },
        },
      ],
    },
    // A table created in this file under a schema, or as public.x and altered as x: a new table.
    {
      code: 'CREATE TABLE app.users (id bigint PRIMARY KEY);\nCREATE TABLE app.posts (id bigint PRIMARY KEY, author_id bigint REFERENCES app.users);',
      filename: ALONE,
      errors: [{ ...missingNew(2, 65), data: { constraint: 'posts_author_id_fkey', table: 'app.posts', columns: 'author_id', referenced: 'app.users', index: 'posts_author_id_idx' } }],
    },
    {
      code: 'CREATE TABLE public.posts (id bigint PRIMARY KEY, author_id bigint);\nALTER TABLE posts ADD FOREIGN KEY (author_id) REFERENCES users (id);',
      filename: ALONE,
      errors: [missingNew(2, 23)],
    },
    // A table of the same name in another schema was created here, not this one.
    {
      code: 'CREATE TABLE app.posts (id bigint PRIMARY KEY, author_id bigint);\nALTER TABLE posts ADD FOREIGN KEY (author_id) REFERENCES users (id);',
      filename: ALONE,
      errors: [{ messageId: 'missingIndex', line: 2, column: 23 }],
    },
  ],
});
