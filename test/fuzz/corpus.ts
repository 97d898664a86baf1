// A small corpus of real-shape migrations (the statements teams write every week) and the mutations the fuzz suite
// applies to them. Every entry parses with the real parser (checked in fuzz.test.ts), so a crash on a mutation is the
// mutation's doing, not the corpus's.

/** Statements of a realistic migration set, in an order that makes sense (each needs only those before it). */
export const CORPUS_STATEMENTS: readonly string[] = [
  'CREATE TABLE users (\n  id uuid PRIMARY KEY DEFAULT uuidv7(),\n  email text NOT NULL UNIQUE,\n  created_at timestamptz NOT NULL DEFAULT now()\n);',
  'CREATE TABLE orders (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  user_id uuid NOT NULL REFERENCES users (id),\n  total numeric(12, 2) NOT NULL\n);',
  'CREATE INDEX orders_user_id_idx ON orders (user_id);',
  "SET lock_timeout = '2s';",
  'ALTER TABLE users ADD COLUMN display_name varchar(80);',
  "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
  'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;',
  'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;',
  'ALTER TABLE orders ADD COLUMN coupon_id bigint;',
  'CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);',
  'ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons (id) NOT VALID;',
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_coupon_id_idx ON orders (coupon_id);',
  'UPDATE users SET display_name = split_part(email, \'@\', 1) WHERE display_name IS NULL AND id IN (SELECT id FROM users ORDER BY id LIMIT 1000);',
  'ALTER TABLE users ALTER COLUMN display_name TYPE varchar(120);',
  'ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;',
  "CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now(); -- keep ; inside\n  RETURN NEW;\nEND;\n$$;",
  'ALTER TABLE orders ADD COLUMN updated_at timestamptz;',
  'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();',
  "COMMENT ON TABLE orders IS 'One row per checkout; see docs/orders.md';",
  '/* a block comment /* nested */ still comment */\nSELECT id FROM orders ORDER BY id LIMIT 20 OFFSET 40;',
  'COPY coupons (id, code) FROM stdin;\n1\tWELCOME\n2\tSPRING\n\\.',
  'ALTER TABLE orders RENAME COLUMN total TO amount;',
  'DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;',
  'CREATE UNIQUE INDEX users_lower_email_idx ON users (lower(email)) WHERE status <> \'deleted\';',
];

/** psql meta-commands found at the top of hand-written migrations. */
export const META_COMMANDS: readonly string[] = ['\\set ON_ERROR_STOP on', '\\echo starting', "\\i 'shared/functions.sql'", '\\timing on'];

/** Characters that stress a SQL scanner: quotes, dollar signs, comment starts, escapes, separators, odd code points. */
export const HOSTILE_CHARS: readonly string[] = [
  "'", '"', '$', '$$', '$tag$', '--', '/*', '*/', ';', '\\', '\\.', '(', ')', '[', 'E\'', 'U&\'', '\n', '\r', '\r\n', '\t', ' ',
  '\0', '\uFEFF', '\u2028', '\uD83D\uDE00', '\uD800', 'é', 'OFFSET', 'CONCURRENTLY', 'NOT NULL', 'FROM stdin;', '\\copy',
];
