import sqlNoAddRequiredColumn from './sql-no-add-required-column.js';
import sqlNoColumnTypeChange from './sql-no-column-type-change.js';
import sqlNoDropColumn from './sql-no-drop-column.js';
import sqlNoOffset from './sql-no-offset.js';
import sqlNoRename from './sql-no-rename.js';
import sqlNoSetNotNull from './sql-no-set-not-null.js';
import sqlNoUnbatchedBackfill from './sql-no-unbatched-backfill.js';
import sqlNoUuidV4PrimaryKey from './sql-no-uuid-v4-primary-key.js';
import sqlRequireConcurrentDetachPartition from './sql-require-concurrent-detach-partition.js';
import sqlRequireConcurrentIndex from './sql-require-concurrent-index.js';
import sqlRequireConcurrentReindex from './sql-require-concurrent-reindex.js';
import sqlRequireForeignKeyIndex from './sql-require-foreign-key-index.js';
import sqlRequireLockTimeout from './sql-require-lock-timeout.js';
import sqlRequireNotValid from './sql-require-not-valid.js';
import sqlRequireStatementTimeout from './sql-require-statement-timeout.js';
import sqlRequireUniqueUsingIndex from './sql-require-unique-using-index.js';
import sqlUnsupportedDialect from './sql-unsupported-dialect.js';

/** The SQL rules (for `.sql` files through the `fortress/sql` language), by name, alphabetical. */
export const sqlRules = {
  'sql-no-add-required-column': sqlNoAddRequiredColumn,
  'sql-no-column-type-change': sqlNoColumnTypeChange,
  'sql-no-drop-column': sqlNoDropColumn,
  'sql-no-offset': sqlNoOffset,
  'sql-no-rename': sqlNoRename,
  'sql-no-set-not-null': sqlNoSetNotNull,
  'sql-no-unbatched-backfill': sqlNoUnbatchedBackfill,
  'sql-no-uuid-v4-primary-key': sqlNoUuidV4PrimaryKey,
  'sql-require-concurrent-detach-partition': sqlRequireConcurrentDetachPartition,
  'sql-require-concurrent-index': sqlRequireConcurrentIndex,
  'sql-require-concurrent-reindex': sqlRequireConcurrentReindex,
  'sql-require-foreign-key-index': sqlRequireForeignKeyIndex,
  'sql-require-lock-timeout': sqlRequireLockTimeout,
  'sql-require-not-valid': sqlRequireNotValid,
  'sql-require-statement-timeout': sqlRequireStatementTimeout,
  'sql-require-unique-using-index': sqlRequireUniqueUsingIndex,
  'sql-unsupported-dialect': sqlUnsupportedDialect,
};
