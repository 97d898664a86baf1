// Ground truth for src/sql/locks.ts: every entry of the lock table is run on a real PostgreSQL. A statement that runs
// in a transaction block runs in `BEGIN … ROLLBACK`; before the ROLLBACK, the same transaction reads its own locks from
// pg_locks (where pid = pg_backend_pid(): the strongest mode per relation) and pg_relation_filenode of the table (a
// new filenode = a rewrite). The strongest mode on each relation the entry names must equal the table's, and
// `rewrites` must equal whether the filenode changed. A statement the table marks non-transactional must be refused
// inside a transaction block. Each example is also classified by `locksOf`, which must give that entry. One server,
// one database, two psql calls.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PG_BUILTIN_VOLATILITY_VERSION, PG_NON_VOLATILE_BUILTINS, PG_NON_VOLATILE_BUILTINS_QUERY } from '../../src/sql/data/pg-builtin-volatility.js';

import { conflicts, LOCK_MODES, locksOf, STATEMENT_LOCKS, type LockMode, type LockTarget, type StatementLockId } from '../../src/sql/locks.js';
import type { SqlStatementNode } from '../../src/sql/language.js';
import { loadSqlParser, parseSql } from '../../src/sql/parser.js';
import { isVolatileExpression } from '../../src/sql/volatility.js';
import { ensurePostgres, findPostgresBin, startPostgres, warnGroundTruthSkipped, type PostgresServer } from '../support/postgres.js';

/** The schema every example runs against (each example's transaction is rolled back). */
const FIXTURE = `
CREATE TABLE parent_t (id int PRIMARY KEY);
INSERT INTO parent_t VALUES (1);
CREATE TABLE t (id int PRIMARY KEY, parent_id int, a int, b text);
INSERT INTO t SELECT g, 1, g, 'x' FROM generate_series(1, 50) g;
CREATE INDEX t_a_idx ON t (a);
CREATE UNIQUE INDEX t_id_b_idx ON t (id, b);
ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0) NOT VALID;
ALTER TABLE t ADD CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES parent_t (id) NOT VALID;
CREATE FUNCTION trg_fn() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg_fn();
CREATE TABLE p (id int, k int) PARTITION BY RANGE (k);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE TABLE p2 (id int, k int);
CREATE VIEW v AS SELECT id, a FROM t;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;
CREATE UNIQUE INDEX mv_id_idx ON mv (id);
`;

interface Example {
  sql: string;
  /** The fixture relation behind each target the entry names. */
  on: Partial<Record<LockTarget, string>>;
  /** The relation whose filenode tells whether the statement rewrote (default: the `table`, `materialized view` or `partition`). */
  rewriteOf?: string;
  /** The entry `locksOf` gives, when the statement alone cannot tell this one (default: the example's own). */
  classifiedAs?: StatementLockId;
}

/** One example per entry of the lock table. */
const EXAMPLES: Record<StatementLockId, Example> = {
  'alter-table:add-column': { sql: 'ALTER TABLE t ADD COLUMN c int', on: { table: 't' } },
  'alter-table:add-column-default': { sql: "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now() + interval '1 day'", on: { table: 't' } },
  'alter-table:add-column-volatile-default': { sql: 'ALTER TABLE t ADD COLUMN c float8 DEFAULT random()', on: { table: 't' } },
  'alter-table:add-column-rewriting': { sql: 'ALTER TABLE t ADD COLUMN c bigserial', on: { table: 't' } },
  'alter-table:drop-column': { sql: 'ALTER TABLE t DROP COLUMN b', on: { table: 't' } },
  'alter-table:alter-column-type': { sql: 'ALTER TABLE p2 ALTER COLUMN k TYPE bigint', on: { table: 'p2' } },
  'alter-table:set-default': { sql: 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 1', on: { table: 't' } },
  'alter-table:set-not-null': { sql: 'ALTER TABLE t ALTER COLUMN a SET NOT NULL', on: { table: 't' } },
  'alter-table:drop-not-null': { sql: 'ALTER TABLE p2 ALTER COLUMN id DROP NOT NULL', on: { table: 'p2' } },
  'alter-table:set-statistics': { sql: 'ALTER TABLE t ALTER COLUMN a SET STATISTICS 500', on: { table: 't' } },
  'alter-table:set-storage-parameters': { sql: 'ALTER TABLE t SET (fillfactor = 70)', on: { table: 't' } },
  'alter-table:add-check': { sql: 'ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b <> \'\')', on: { table: 't' } },
  'alter-table:add-check-not-valid': { sql: 'ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b <> \'\') NOT VALID', on: { table: 't' } },
  'alter-table:add-foreign-key': {
    sql: 'ALTER TABLE t ADD CONSTRAINT t_parent_fk2 FOREIGN KEY (parent_id) REFERENCES parent_t (id)',
    on: { table: 't', 'referenced table': 'parent_t' },
  },
  'alter-table:add-foreign-key-not-valid': {
    sql: 'ALTER TABLE t ADD CONSTRAINT t_parent_fk2 FOREIGN KEY (parent_id) REFERENCES parent_t (id) NOT VALID',
    on: { table: 't', 'referenced table': 'parent_t' },
  },
  'alter-table:add-unique': { sql: 'ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a)', on: { table: 't' } },
  'alter-table:add-unique-using-index': { sql: 'ALTER TABLE t ADD CONSTRAINT t_id_b_key UNIQUE USING INDEX t_id_b_idx', on: { table: 't' } },
  'alter-table:validate-constraint': { sql: 'ALTER TABLE t VALIDATE CONSTRAINT t_a_positive', on: { table: 't' } },
  'alter-table:validate-foreign-key': {
    sql: 'ALTER TABLE t VALIDATE CONSTRAINT t_parent_fk',
    on: { table: 't', 'referenced table': 'parent_t' },
    // The statement does not say what kind of constraint it validates: both take SHARE UPDATE EXCLUSIVE on the table.
    classifiedAs: 'alter-table:validate-constraint',
  },
  'alter-table:drop-constraint': { sql: 'ALTER TABLE t DROP CONSTRAINT t_a_positive', on: { table: 't' } },
  'alter-table:cluster-on': { sql: 'ALTER TABLE t CLUSTER ON t_a_idx', on: { table: 't' } },
  'alter-table:enable-disable-trigger': { sql: 'ALTER TABLE t DISABLE TRIGGER t_trg', on: { table: 't' } },
  'alter-table:set-logged': { sql: 'ALTER TABLE p2 SET UNLOGGED', on: { table: 'p2' } },
  'alter-table:attach-partition': { sql: 'ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20)', on: { parent: 'p', partition: 'p2' } },
  'alter-table:detach-partition': { sql: 'ALTER TABLE p DETACH PARTITION p1', on: { parent: 'p', partition: 'p1' } },
  'alter-table:detach-partition-concurrently': { sql: 'ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY', on: { parent: 'p', partition: 'p1' } },
  'alter-table:other': { sql: 'ALTER TABLE t ENABLE ROW LEVEL SECURITY', on: { table: 't' } },
  'alter-table:rename': { sql: 'ALTER TABLE t RENAME COLUMN b TO b2', on: { table: 't' } },
  'alter-index:rename': { sql: 'ALTER INDEX t_a_idx RENAME TO t_a_idx2', on: { index: 't_a_idx' } },
  'create-table:references': { sql: 'CREATE TABLE c (id int, parent_id int REFERENCES parent_t (id))', on: { 'referenced table': 'parent_t' } },
  'create-table:partition-of': { sql: 'CREATE TABLE p3 PARTITION OF p FOR VALUES FROM (20) TO (30)', on: { parent: 'p' } },
  'create-index': { sql: 'CREATE INDEX t_b_idx ON t (b)', on: { table: 't' } },
  'create-index-concurrently': { sql: 'CREATE INDEX CONCURRENTLY t_b_idx ON t (b)', on: { table: 't' } },
  'drop-index': { sql: 'DROP INDEX t_a_idx', on: { 'table of index': 't' } },
  'drop-index-concurrently': { sql: 'DROP INDEX CONCURRENTLY t_a_idx', on: { 'table of index': 't' } },
  reindex: { sql: 'REINDEX INDEX t_a_idx', on: { table: 't', index: 't_a_idx' }, rewriteOf: 't_a_idx' },
  'reindex-concurrently': { sql: 'REINDEX INDEX CONCURRENTLY t_a_idx', on: { table: 't' } },
  'create-trigger': { sql: 'CREATE TRIGGER t_trg2 BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg_fn()', on: { table: 't' } },
  'drop-trigger': { sql: 'DROP TRIGGER t_trg ON t', on: { table: 't' } },
  truncate: { sql: 'TRUNCATE p2', on: { table: 'p2' } },
  'drop-table': { sql: 'DROP TABLE p2', on: {} },
  'drop-view': { sql: 'DROP VIEW v', on: {} },
  'drop-materialized-view': { sql: 'DROP MATERIALIZED VIEW mv', on: {} },
  'refresh-materialized-view': { sql: 'REFRESH MATERIALIZED VIEW mv', on: { 'materialized view': 'mv' } },
  'refresh-materialized-view-concurrently': { sql: 'REFRESH MATERIALIZED VIEW CONCURRENTLY mv', on: { 'materialized view': 'mv' } },
  lock: { sql: 'LOCK TABLE t', on: { table: 't' } },
  cluster: { sql: 'CLUSTER t USING t_a_idx', on: { table: 't' } },
  'vacuum-full': { sql: 'VACUUM FULL t', on: { table: 't' } },
  vacuum: { sql: 'VACUUM t', on: { table: 't' } },
  analyze: { sql: 'ANALYZE t', on: { table: 't' } },
  'comment-on': { sql: "COMMENT ON TABLE t IS 'orders'", on: { table: 't' } },
};

/**
 * Dropped relations vanish from pg_class, so a DROP's lock is read by oid, recorded before the statement: these
 * examples name their relation here.
 */
const DROPPED: Partial<Record<StatementLockId, Partial<Record<LockTarget, string>>>> = {
  'drop-table': { table: 'p2' },
  'drop-view': { view: 'v' },
  'drop-materialized-view': { 'materialized view': 'mv' },
  'drop-index': { index: 't_a_idx' },
};

/** `LOCK … IN <mode> MODE`: the statement's own mode, for every mode. */
const LOCK_MODE_EXAMPLES = LOCK_MODES.map((mode) => ({ mode, sql: `LOCK TABLE t IN ${mode} MODE` }));

/** A SQL string literal. */
const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Lock strength by pg_locks' mode name, as a CASE expression (1 = ACCESS SHARE … 8 = ACCESS EXCLUSIVE). */
const STRENGTH = `CASE l.mode ${LOCK_MODES.map((mode, index) => `WHEN ${quote(`${mode.split(' ').map((word) => word[0] + word.slice(1).toLowerCase()).join('')}Lock`)} THEN ${index + 1}`).join(' ')} END`;

interface ScriptExample {
  tag: string;
  sql: string;
  names: string[];
  rewriteOf?: string | undefined;
}

/**
 * The psql script for the transactional examples: per example, `BEGIN`, the oids of the relations it names and the
 * filenode of the one that may be rewritten (read before: a DROP removes the name), the statement, then one JSON line
 * with the strongest mode this transaction holds on each of those oids and the filenode after; `ROLLBACK`.
 */
function transactionalScript(examples: ScriptExample[]): string {
  const lines = ['\\set ON_ERROR_STOP 0', '\\pset format unaligned', '\\pset tuples_only on'];
  for (const { tag, sql, names, rewriteOf } of examples) {
    const nameList = `ARRAY[${[...names, ''].map(quote).join(', ')}]::text[]`;
    const filenode = rewriteOf === undefined ? 'NULL::oid' : `pg_relation_filenode(${quote(rewriteOf)}::regclass)`;
    lines.push(
      'BEGIN;',
      'CREATE TEMP TABLE IF NOT EXISTS probe (name text, oid oid, filenode oid);',
      `INSERT INTO probe SELECT relname, oid, NULL FROM pg_class WHERE relname = ANY (${nameList}) AND relkind <> 'c';`,
      `INSERT INTO probe VALUES ('', 0, ${filenode});`,
      `${sql};`,
      `SELECT json_build_object('tag', ${quote(tag)},
        'locks', (SELECT json_object_agg(p.name, (ARRAY[${LOCK_MODES.map(quote).join(', ')}])[s.strength])
                  FROM (SELECT l.relation, max(${STRENGTH}) AS strength FROM pg_locks l
                        WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted GROUP BY l.relation) s
                  JOIN probe p ON p.oid = s.relation),
        'rewrites', (SELECT filenode FROM probe WHERE name = '') IS DISTINCT FROM ${filenode});`,
      'ROLLBACK;',
    );
  }
  return lines.join('\n');
}

let server: PostgresServer | undefined;
let unavailable: string | undefined;
const DATABASE = 'locks';

beforeAll(async () => {
  await loadSqlParser();
  const found = ensurePostgres();
  if ('error' in found) {
    unavailable = found.error;
    // Loud: a reader of the test output must see that the lock table was not checked.
    warnGroundTruthSkipped('the lock table (src/sql/locks.ts)', unavailable);
    return;
  }
  server = await startPostgres(found.bin);
  server.createDatabase(DATABASE);
  server.exec(DATABASE, FIXTURE);
}, 900_000);

afterAll(() => {
  server?.stop();
});

/** The strongest lock of an entry. */
function strongestOf(id: StatementLockId): LockMode {
  return Object.values(STATEMENT_LOCKS[id].locks as Record<string, LockMode>).reduce((a, b) => (LOCK_MODES.indexOf(b) > LOCK_MODES.indexOf(a) ? b : a), 'ACCESS SHARE');
}

/** A second session (psql in the background) that holds `mode` on `table` for up to 20 s; kill() ends it. */
function holdLock(pg: PostgresServer, table: string, mode: LockMode): ChildProcess {
  const bin = findPostgresBin()!;
  const child = spawn(path.join(bin, 'psql'), ['-X', '-q', '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', DATABASE], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin?.end(`BEGIN;\nLOCK TABLE ${table} IN ${mode} MODE;\nSELECT pg_sleep(20);\nCOMMIT;\n`);
  return child;
}

/** Resolves once another session holds `mode` on `table` (polled; fails after 10 s). */
async function waitForHolder(pg: PostgresServer, table: string, mode: LockMode): Promise<void> {
  const pgMode = `${mode.split(' ').map((word) => word[0] + word.slice(1).toLowerCase()).join('')}Lock`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const held = pg.queryJson<boolean>(DATABASE, `SELECT to_json(EXISTS (SELECT 1 FROM pg_locks WHERE relation = '${table}'::regclass AND mode = '${pgMode}' AND granted AND pid <> pg_backend_pid()))`);
    if (held) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no session came to hold ${mode} on ${table}`);
}

/** Skips (loudly, and never in CI) when there is no server. */
function requireServer(context: { skip: (note?: string) => void }): PostgresServer | undefined {
  if (server) return server;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required for the lock-table ground truth: ${unavailable}`);
  context.skip(`SKIPPED, lock table NOT checked: PostgreSQL unavailable: ${unavailable}`);
  return undefined;
}

/** The relation name behind each target of an example (dropped relations included). */
function namesOf(id: StatementLockId): Partial<Record<LockTarget, string>> {
  return { ...EXAMPLES[id].on, ...DROPPED[id] };
}

function defaultRewriteOf(id: StatementLockId): string | undefined {
  const { on, rewriteOf } = EXAMPLES[id];
  return rewriteOf ?? on.table ?? on['materialized view'] ?? on.partition;
}

const ids = Object.keys(STATEMENT_LOCKS) as StatementLockId[];

describe('the lock table (src/sql/locks.ts) against a real PostgreSQL', () => {
  it('has one example per entry, and locksOf classifies each example as that entry', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const parsed = parseSql(EXAMPLES[id].sql);
      expect(parsed.ok, EXAMPLES[id].sql).toBe(true);
      if (!parsed.ok) continue;
      const uses = locksOf(parsed.statements[0] as unknown as SqlStatementNode, (expression) => isVolatileExpression(expression));
      expect(uses.map((lockUse) => lockUse.id), EXAMPLES[id].sql).toContain(EXAMPLES[id].classifiedAs ?? id);
    }
  });

  it('each transactional entry takes exactly the table\'s lock on each relation, and rewrites exactly when it says', (context) => {
    const pg = requireServer(context);
    if (!pg) return;
    const transactional = ids.filter((id) => STATEMENT_LOCKS[id].transactional);
    const examples = [
      ...transactional.map((id) => ({ tag: id, sql: EXAMPLES[id].sql, names: Object.values(namesOf(id)), rewriteOf: defaultRewriteOf(id) })),
      ...LOCK_MODE_EXAMPLES.map(({ mode, sql }) => ({ tag: `lock:${mode}`, sql, names: ['t'] })),
    ];
    const output = pg.exec(DATABASE, transactionalScript(examples));
    const rows = new Map<string, { locks: Record<string, LockMode> | null; rewrites: boolean }>();
    for (const line of output.split('\n')) {
      if (!line.startsWith('{')) continue;
      const row = JSON.parse(line) as { tag: string; locks: Record<string, LockMode> | null; rewrites: boolean };
      rows.set(row.tag, row);
    }
    const actual: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const id of transactional) {
      const row = rows.get(id);
      const entry = STATEMENT_LOCKS[id];
      const on = namesOf(id);
      const expectedLocks = Object.fromEntries(Object.entries(on).map(([target, name]) => [name, (entry.locks as Partial<Record<string, LockMode>>)[target]]));
      expected[id] = { locks: expectedLocks, rewrites: entry.rewrites };
      actual[id] = row ? { locks: row.locks ?? {}, rewrites: row.rewrites } : `the statement failed: ${EXAMPLES[id].sql}`;
    }
    for (const { mode } of LOCK_MODE_EXAMPLES) {
      expected[`lock:${mode}`] = { t: mode };
      actual[`lock:${mode}`] = rows.get(`lock:${mode}`)?.locks;
    }
    expect(actual).toEqual(expected);
  }, 120_000);

  it('VACUUM FULL and VACUUM wait behind a second session exactly when the table says their lock conflicts with its lock', async (context) => {
    const pg = requireServer(context);
    if (!pg) return;
    // Each non-transactional entry whose mode a lock_timeout probe can show: it must time out behind a session
    // holding a mode its lock conflicts with, and must not behind one its lock does not conflict with. (The
    // CONCURRENTLY forms wait for older transactions by design, so such a probe cannot tell their lock.)
    const probes: Array<{ id: StatementLockId; held: LockMode }> = [
      { id: 'vacuum-full', held: 'ACCESS SHARE' },
      { id: 'vacuum', held: 'ROW EXCLUSIVE' },
      { id: 'vacuum', held: 'SHARE UPDATE EXCLUSIVE' },
    ];
    for (const { id, held } of probes) {
      // What the table says: the statement waits when its lock conflicts with the held one (table 13.2).
      const waits = conflicts(held, strongestOf(id));
      const holder = holdLock(pg, 't', held);
      try {
        await waitForHolder(pg, 't', held);
        const run = () => pg.exec(DATABASE, `SET lock_timeout = '300ms';\n${EXAMPLES[id].sql};`);
        if (waits) expect(run, `${id} behind ${held}`).toThrow(/lock timeout/);
        else expect(run, `${id} behind ${held}`).not.toThrow();
      } finally {
        // The holder's backend sleeps on after its client goes: end it, then the client.
        pg.exec(DATABASE, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE relation = 't'::regclass AND pid <> pg_backend_pid();`);
        holder.kill();
      }
    }
  }, 60_000);

  it('each non-transactional entry is refused inside a transaction block', (context) => {
    const pg = requireServer(context);
    if (!pg) return;
    for (const id of ids.filter((candidate) => !STATEMENT_LOCKS[candidate].transactional)) {
      expect(() => pg.exec(DATABASE, `BEGIN;\n${EXAMPLES[id].sql};\nROLLBACK;`), id).toThrow(/cannot run inside a transaction block/);
    }
  }, 60_000);
});

describe('the built-in volatility catalogue (src/sql/data/pg-builtin-volatility.ts) against pg_proc', () => {
  it('lists exactly the non-volatile built-ins of the test server (when it is the version the list was read from)', (context) => {
    const pg = requireServer(context);
    if (!pg) return;
    if (pg.major !== PG_BUILTIN_VOLATILITY_VERSION) {
      context.skip(`SKIPPED: the list is from PostgreSQL ${PG_BUILTIN_VOLATILITY_VERSION}, the test server is ${pg.major}`);
      return;
    }
    const fromServer = pg.exec(DATABASE, `\\pset format unaligned\n\\pset tuples_only on\n${PG_NON_VOLATILE_BUILTINS_QUERY}`).trim().split(' ');
    expect(PG_NON_VOLATILE_BUILTINS.trim().split(' ')).toEqual(fromServer);
  });

  it('classifies defaults as PostgreSQL does: random() and clock_timestamp() rewrite, now() and lower() do not', (context) => {
    const pg = requireServer(context);
    if (!pg) return;
    const defaults = ['random()', 'clock_timestamp()', 'now()', "lower('X')", 'gen_random_uuid()', "to_char(now(), 'YYYY')", 'md5(random()::text)'];
    const script = [
      '\\pset format unaligned',
      '\\pset tuples_only on',
      ...defaults.map((expression) => `BEGIN;
        CREATE TEMP TABLE before AS SELECT pg_relation_filenode('t') AS node;
        ALTER TABLE t ADD COLUMN c text DEFAULT ${expression};
        SELECT json_build_object('expression', ${quote(expression)}, 'rewrites', pg_relation_filenode('t') <> (SELECT node FROM before));
        ROLLBACK;`),
    ].join('\n');
    const rows = pg.exec(DATABASE, script).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { expression: string; rewrites: boolean });
    const ours = defaults.map((expression) => {
      const parsed = parseSql(`SELECT ${expression}`);
      const target = parsed.ok ? (parsed.statements[0]!.node.targetList as unknown) : undefined;
      return { expression, rewrites: isVolatileExpression(target) };
    });
    expect(ours).toEqual(rows);
  });
});
