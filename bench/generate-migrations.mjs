// Generates migration sets for the SQL benchmarks. Each set starts with `0000_base.sql`, which creates the base
// tables (with keys, foreign keys and their indexes); the migrations after it alter those tables, so the lock rules
// have "existing tables" to judge: both tools do the same work. A unit of 10 statements mixes what real migration
// histories contain: a new table with its foreign-key index, safe expand steps (nullable columns, CONCURRENTLY,
// NOT VALID + VALIDATE, constant defaults), data statements, and about three unsafe statements on existing tables
// (non-concurrent index, foreign key without NOT VALID, required column without default, type change, SET NOT NULL,
// rename), in rotation. Every file applies cleanly to PostgreSQL in order.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Base tables in `0000_base.sql`; units cycle over them. */
export const BASE_TABLES = 100;

/** `0000_base.sql`: BASE_TABLES tables, each referencing the previous one, with the foreign keys' indexes. */
export function baseMigration(tables = BASE_TABLES) {
  const lines = [];
  for (let k = 0; k < tables; k++) {
    const owner = k === 0 ? 'bigint' : `bigint REFERENCES base_${k - 1} (id)`;
    lines.push(
      `CREATE TABLE base_${k} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner_id ${owner}, name text, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`,
      `CREATE INDEX base_${k}_owner_id_idx ON base_${k} (owner_id);`,
    );
  }
  return lines;
}

/** The 10 statements of unit `i` (i ≥ 1): a new table `item_i` and changes to the existing table `base_{i mod BASE_TABLES}`. */
export function migrationUnit(i, tables = BASE_TABLES) {
  const b = i % tables;
  const base = `base_${b}`;
  const other = `base_${(b + 1) % tables}`;
  const item = `item_${i}`;
  // Safe and unsafe variants in rotation: about 3 of the 10 statements are unsafe.
  const index = i % 2 === 0
    ? `CREATE INDEX CONCURRENTLY ${base}_n${i}_idx ON ${base} (note_${i});`
    : `CREATE INDEX ${base}_n${i}_idx ON ${base} (note_${i});`;
  const foreignKey = i % 3 === 0
    ? `ALTER TABLE ${base} ADD CONSTRAINT ${base}_o${i}_fk FOREIGN KEY (owner_id) REFERENCES ${other} (id);`
    : `ALTER TABLE ${base} ADD CONSTRAINT ${base}_o${i}_fk FOREIGN KEY (owner_id) REFERENCES ${other} (id) NOT VALID;`;
  const column = i % 4 === 0
    ? `ALTER TABLE ${base} ADD COLUMN flag_${i} boolean NOT NULL;`
    : `ALTER TABLE ${base} ADD COLUMN flag_${i} boolean NOT NULL DEFAULT false;`;
  const change = [
    `ALTER TABLE ${base} ALTER COLUMN note_${i} TYPE varchar(200);`,
    `ALTER TABLE ${base} ALTER COLUMN name SET NOT NULL;`,
    `ALTER TABLE ${base} RENAME COLUMN note_${i} TO memo_${i};`,
  ][i % 3];
  return [
    `CREATE TABLE ${item} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, base_id bigint NOT NULL REFERENCES ${base} (id), title text NOT NULL);`,
    `CREATE INDEX ${item}_base_id_idx ON ${item} (base_id);`,
    `ALTER TABLE ${base} ADD COLUMN note_${i} text;`,
    index,
    foreignKey,
    `ALTER TABLE ${base} VALIDATE CONSTRAINT ${base}_o${i}_fk;`,
    column,
    change,
    `INSERT INTO ${item} (base_id, title) SELECT id, name FROM ${base} WHERE name IS NOT NULL;`,
    `SELECT id, title FROM ${item} ORDER BY id DESC LIMIT 20;`,
  ];
}

function freshFolder(dir) {
  const folder = path.join(dir, 'migrations');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, '0000_base.sql'), `${baseMigration().join('\n')}\n`);
  return folder;
}

/** Writes `<dir>/migrations/0000_base.sql` and `0001_big.sql` with `units * 10` statements; returns the big file's path. */
export function writeOneBigFile(dir, units) {
  const folder = freshFolder(dir);
  const lines = [];
  for (let i = 1; i <= units; i++) lines.push(...migrationUnit(i));
  const file = path.join(folder, '0001_big.sql');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * The earlier benchmark's unit (kept for comparison): every table it alters was created in the same file, so under
 * "existing table = not created in this file" the lock rules have nothing to report, while squawk reports them.
 */
export function selfContainedUnit(i) {
  const previous = `t${Math.max(i - 1, 0)}`;
  const table = `t${i}`;
  return [
    `CREATE TABLE ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, owner_id bigint REFERENCES ${previous} (id), created_at timestamptz NOT NULL DEFAULT now());`,
    `CREATE INDEX CONCURRENTLY ${table}_owner_idx ON ${table} (owner_id);`,
    `ALTER TABLE ${previous} ADD COLUMN note_${i} text;`,
    `CREATE INDEX ${previous}_note_${i}_idx ON ${previous} (note_${i});`,
    `ALTER TABLE ${previous} ALTER COLUMN note_${i} TYPE varchar(200);`,
    `ALTER TABLE ${previous} ADD CONSTRAINT ${previous}_ref_${i}_fk FOREIGN KEY (owner_id) REFERENCES ${table} (id);`,
    `ALTER TABLE ${previous} ALTER COLUMN name SET NOT NULL;`,
    `ALTER TABLE ${previous} RENAME COLUMN note_${i} TO memo_${i};`,
    `INSERT INTO ${table} (name, created_at) VALUES ('row ${i}', now());`,
    `SELECT id, name FROM ${table} WHERE owner_id = ${i} ORDER BY created_at DESC LIMIT 20;`,
  ];
}

/** Writes `<dir>/migrations/0001_self_contained.sql` (no base file) with `units * 10` statements of `selfContainedUnit`. */
export function writeSelfContainedFile(dir, units) {
  const folder = path.join(dir, 'migrations');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const lines = [];
  for (let i = 1; i <= units; i++) lines.push(...selfContainedUnit(i));
  const file = path.join(folder, '0001_self_contained.sql');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Writes `<dir>/migrations/0000_base.sql` and `files` migrations of 10 statements each; returns the folder. */
export function writeManySmallFiles(dir, files) {
  const folder = freshFolder(dir);
  for (let i = 1; i <= files; i++) {
    writeFileSync(path.join(folder, `${String(i).padStart(4, '0')}_unit_${i}.sql`), `${migrationUnit(i).join('\n')}\n`);
  }
  return folder;
}
