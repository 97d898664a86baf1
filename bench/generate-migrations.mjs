// Generates migration sets for the SQL benchmarks: realistic statements, a third of them unsafe.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Ten statements of one migration "unit" number `i` (tables t{i} and t{i-1}). */
export function migrationUnit(i) {
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

/** Writes `<dir>/migrations/0001_big.sql` with `units * 10` statements; returns the file path. */
export function writeOneBigFile(dir, units) {
  const folder = path.join(dir, 'migrations');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const lines = [];
  for (let i = 1; i <= units; i++) lines.push(...migrationUnit(i));
  const file = path.join(folder, '0001_big.sql');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Writes `files` migration files of 10 statements each under `<dir>/migrations/`; returns the folder. */
export function writeManySmallFiles(dir, files) {
  const folder = path.join(dir, 'migrations');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= files; i++) {
    writeFileSync(path.join(folder, `${String(i).padStart(4, '0')}_unit_${i}.sql`), `${migrationUnit(i).join('\n')}\n`);
  }
  return folder;
}
