// Behaviours of sql-no-unbatched-backfill that a mutant changed without a failing test (issue 13, `npm run mutate:target --
// src/sql/rules/sql-no-unbatched-backfill.ts`).
import rule from '../../src/sql/rules/sql-no-unbatched-backfill.js';
import { runDeployedMigrationCase } from '../sql/sql-rule-tester.js';

// An already-deployed migration is history: nothing to change there.
runDeployedMigrationCase('sql-no-unbatched-backfill', rule, 'UPDATE "DocumentMeta" SET "subject" = "customEmailSubject";');
