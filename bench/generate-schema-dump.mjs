// Generates a `pg_dump --schema-only`-shaped SQL file of a given size, deterministically (the same size gives the
// same bytes). The layout follows pg_dump's: the session SET lines, schemas, functions with PL/pgSQL and SQL bodies,
// tables with many columns and their comments, ownership, sequences owned by a column, views, then the primary keys,
// unique constraints, indexes and foreign keys as separate `ALTER TABLE ONLY` / `CREATE INDEX` statements, then
// grants. No COPY data. A few foreign keys have no index on their column and a few tables have a random-UUID key, so
// the rules have something to report; the rest is what a large schema's dump is made of: many short statements.
//
// Usage: node bench/generate-schema-dump.mjs <megabytes> [out.sql] [--dense]   (writes to stdout without a file name)
import { writeFileSync } from 'node:fs';

const TYPES = ['bigint', 'integer', 'text', 'character varying(255)', 'boolean', 'timestamp with time zone', 'numeric(12,2)', 'jsonb', 'date', 'uuid', 'smallint', 'bytea'];
const SCHEMAS = ['public', 'billing', 'catalog', 'audit'];

/** A tiny deterministic PRNG (mulberry32), so a dump of a given size is always the same. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = `--
-- PostgreSQL database dump
--

-- Dumped from database version 16.4
-- Dumped by pg_dump version 16.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

${SCHEMAS.slice(1).map((schema) => `--\n-- Name: ${schema}; Type: SCHEMA; Schema: -; Owner: app\n--\n\nCREATE SCHEMA ${schema};\n\n\nALTER SCHEMA ${schema} OWNER TO app;\n`).join('\n')}
SET default_tablespace = '';

SET default_table_access_method = heap;

`;

/** pg_dump's header comment before each object; none in a dense dump (see schemaDump). */
let sections = true;

function section(name, type, schema) {
  if (!sections) return '';
  return `--\n-- Name: ${name}; Type: ${type}; Schema: ${schema}; Owner: app\n--\n\n`;
}

/** A function with a PL/pgSQL body (a trigger function) or an SQL body, as pg_dump prints them. */
function functionOf(schema, n, next) {
  const name = `${schema}.touch_${n}`;
  if (n % 3 === 2) {
    return `${section(`total_${n}(bigint)`, 'FUNCTION', schema)}CREATE FUNCTION ${schema}.total_${n}(p_owner bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$
  SELECT coalesce(sum(amount_${next() > 0.5 ? 1 : 2}), 0) FROM ${schema}.t_${n} WHERE owner_id = p_owner AND deleted_at IS NULL;
$$;


ALTER FUNCTION ${schema}.total_${n}(p_owner bigint) OWNER TO app;

`;
  }
  return `${section(`touch_${n}()`, 'FUNCTION', schema)}CREATE FUNCTION ${name}() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now();
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO audit.events (table_name, row_id, old_status, new_status, changed_at)
    VALUES (TG_TABLE_NAME, NEW.id, OLD.status, NEW.status, now());
  END IF;
  -- keep the row's version in step; a semicolon in a comment; is fine
  NEW.version := coalesce(OLD.version, 0) + ${n % 7 + 1};
  RETURN NEW;
END;
$$;


ALTER FUNCTION ${name}() OWNER TO app;

`;
}

/** Table `n`: CREATE TABLE, owner, comments, its sequence; and the statements pg_dump prints later for it. */
function tableOf(n, next) {
  const schema = SCHEMAS[n % SCHEMAS.length];
  const table = `${schema}.t_${n}`;
  const columnCount = 8 + Math.floor(next() * 16);
  const uuidKey = n % 97 === 5;
  // eslint-disable-next-line fortress/no-uuid-v4 -- a deliberate UUIDv4 key: the SQL fixture the benchmark lints
  const columns = [uuidKey ? '    id uuid DEFAULT gen_random_uuid() NOT NULL' : '    id bigint NOT NULL', '    owner_id bigint'];
  for (let c = 2; c < columnCount; c++) {
    const type = TYPES[Math.floor(next() * TYPES.length)];
    const notNull = next() < 0.3 ? ' NOT NULL' : '';
    const def = type === 'boolean' ? ' DEFAULT false' : type.startsWith('timestamp') && next() < 0.5 ? ' DEFAULT now()' : '';
    columns.push(`    col_${c}_${n} ${type}${def}${notNull}`);
  }
  columns.push('    status text', '    version integer', '    created_at timestamp with time zone DEFAULT now() NOT NULL', '    updated_at timestamp with time zone', '    deleted_at timestamp with time zone', '    amount_1 numeric(12,2)', '    amount_2 numeric(12,2)');
  let body = `${section(`t_${n}`, 'TABLE', schema)}CREATE TABLE ${table} (\n${columns.join(',\n')}\n);\n\n\nALTER TABLE ${table} OWNER TO app;\n\n`;
  body += `${section(`TABLE t_${n}`, 'COMMENT', schema)}COMMENT ON TABLE ${table} IS 'Rows of kind ${n}; it''s kept for ${n % 30 + 1} days.';\n\n\n`;
  for (let c = 2; c < columnCount; c += sections ? 2 : 1) {
    body += `${section(`COLUMN t_${n}.col_${c}_${n}`, 'COMMENT', schema)}COMMENT ON COLUMN ${table}.col_${c}_${n} IS 'Column ${c} of table ${n}';\n\n\n`;
  }
  if (!uuidKey) {
    const sequence = `${schema}.t_${n}_id_seq`;
    body += `${section(`t_${n}_id_seq`, 'SEQUENCE', schema)}CREATE SEQUENCE ${sequence}\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n\nALTER SEQUENCE ${sequence} OWNER TO app;\n\n`;
    body += `${section(`t_${n}_id_seq`, 'SEQUENCE OWNED BY', schema)}ALTER SEQUENCE ${sequence} OWNED BY ${table}.id;\n\n\n`;
    body += `${section(`t_${n} id`, 'DEFAULT', schema)}ALTER TABLE ONLY ${table} ALTER COLUMN id SET DEFAULT nextval('${sequence}'::regclass);\n\n\n`;
  }
  let later = `${section(`t_${n} t_${n}_pkey`, 'CONSTRAINT', schema)}ALTER TABLE ONLY ${table}\n    ADD CONSTRAINT t_${n}_pkey PRIMARY KEY (id);\n\n\n`;
  if (n % 4 === 1) later += `${section(`t_${n} t_${n}_col_2_key`, 'CONSTRAINT', schema)}ALTER TABLE ONLY ${table}\n    ADD CONSTRAINT t_${n}_col_2_key UNIQUE (col_2_${n});\n\n\n`;
  const indexed = n % 10 !== 3; // one table in ten: a foreign key without an index
  if (indexed) later += `${section(`t_${n}_owner_id_idx`, 'INDEX', schema)}CREATE INDEX t_${n}_owner_id_idx ON ${table} USING btree (owner_id);\n\n\n`;
  later += `${section(`t_${n}_created_at_idx`, 'INDEX', schema)}CREATE INDEX t_${n}_created_at_idx ON ${table} USING btree (created_at DESC) WHERE (deleted_at IS NULL);\n\n\n`;
  if (n % 5 === 0) later += `${section(`t_${n}_touch`, 'TRIGGER', schema)}CREATE TRIGGER t_${n}_touch BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${schema}.touch_${n}();\n\n\n`;
  const fks = n > 0 && !uuidKey ? `${section(`t_${n} t_${n}_owner_id_fkey`, 'FK CONSTRAINT', schema)}ALTER TABLE ONLY ${table}\n    ADD CONSTRAINT t_${n}_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES ${SCHEMAS[(n - 1) % SCHEMAS.length]}.t_${n - 1}(id) ON DELETE CASCADE;\n\n\n` : '';
  const grants = `${section(`TABLE t_${n}`, 'ACL', schema)}GRANT SELECT ON TABLE ${table} TO readonly;\nGRANT SELECT,INSERT,DELETE,UPDATE ON TABLE ${table} TO app_rw;\n\n\n${uuidKey ? '' : `${section(`SEQUENCE t_${n}_id_seq`, 'ACL', schema)}GRANT SELECT,USAGE ON SEQUENCE ${schema}.t_${n}_id_seq TO app_rw;\n\n\n`}`;
  return { body, later, fks, grants };
}

/** A view over table `n`. */
function viewOf(n) {
  const schema = SCHEMAS[n % SCHEMAS.length];
  return `${section(`v_${n}`, 'VIEW', schema)}CREATE VIEW ${schema}.v_${n} AS\n SELECT t.id,\n    t.owner_id,\n    t.status,\n    t.created_at\n   FROM ${schema}.t_${n} t\n  WHERE (t.deleted_at IS NULL)\n  ORDER BY t.created_at DESC;\n\n\nALTER VIEW ${schema}.v_${n} OWNER TO app;\n\n`;
}

/**
 * A schema dump of about `megabytes` MB (1 MB = 2^20 characters, all ASCII). `dense`: without pg_dump's header comment
 * before each object (as after `grep -v '^--'`), so about 11,000 statements per MB instead of 6,000.
 */
export function schemaDump(megabytes, { dense = false } = {}) {
  sections = !dense;
  const target = Math.round(megabytes * 1024 * 1024);
  const next = random(megabytes * 1000 + 7);
  const functions = [];
  const tables = [];
  const laters = [];
  const fks = [];
  const grants = [];
  let size = HEADER.length + 200;
  for (let n = 0; size < target; n++) {
    if (n % 5 === 0 || n % 3 === 2) {
      const text = functionOf(SCHEMAS[n % SCHEMAS.length], n, next);
      functions.push(text);
      size += text.length;
    }
    const table = tableOf(n, next);
    tables.push(table.body);
    laters.push(table.later);
    fks.push(table.fks);
    grants.push(table.grants);
    size += table.body.length + table.later.length + table.fks.length + table.grants.length;
    if (n % 8 === 0) {
      const view = viewOf(n);
      tables.push(view);
      size += view.length;
    }
  }
  return `${HEADER}${functions.join('')}${tables.join('')}${laters.join('')}${fks.join('')}${grants.join('')}--\n-- PostgreSQL database dump complete\n--\n\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [size, file] = process.argv.slice(2).filter((arg) => arg !== '--dense');
  const megabytes = Number(size);
  if (!(megabytes > 0)) {
    process.stderr.write('usage: node bench/generate-schema-dump.mjs <megabytes> [out.sql] [--dense]\n');
    process.exit(2);
  }
  const text = schemaDump(megabytes, { dense: process.argv.includes('--dense') });
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}
