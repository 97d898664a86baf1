/** A `pg_dump --schema-only`-shaped dump of about `megabytes` MB; see generate-schema-dump.mjs. */
export function schemaDump(megabytes: number, options?: { dense?: boolean }): string;
