import { describe, expect, it } from 'vitest';

import rule from '../../src/sql/rules/sql-require-concurrent-detach-partition.js';
import { expectSqlMalformed, lintSql, runSqlRuleTester } from '../sql/sql-rule-tester.js';

const RULE = 'sql-require-concurrent-detach-partition';
const error = (line: number, column: number, data?: { partition: string; parent: string }) => ({ messageId: 'requireConcurrentDetach', line, column, ...(data ? { data } : {}) });
const pg = (postgresVersion: unknown) => ({ fortress: { postgresVersion } });

runSqlRuleTester(RULE, rule, {
  valid: [
    'ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;',
    'ALTER TABLE public.events DETACH PARTITION public.events_2023 CONCURRENTLY;',
    // FINALIZE completes an interrupted concurrent detach.
    'ALTER TABLE events DETACH PARTITION events_2023 FINALIZE;',
    // A partitioned table this file creates.
    "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\nCREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');\nALTER TABLE events DETACH PARTITION events_2023;",
    // Before PostgreSQL 14 there is no CONCURRENTLY form.
    { code: 'ALTER TABLE events DETACH PARTITION events_2023;', settings: pg(13) },
    { code: 'ALTER TABLE events DETACH PARTITION events_2023;', settings: pg('12') },
    // Near-misses: ATTACH (SHARE UPDATE EXCLUSIVE on the parent), other ALTERs, dropping the partition.
    "ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');",
    'ALTER TABLE events ADD COLUMN note text;',
    'DROP TABLE events_2023;',
    '-- ALTER TABLE events DETACH PARTITION events_2023;\nSELECT 1;',
    '-- eslint-disable-next-line rule-to-test/sql-require-concurrent-detach-partition\nALTER TABLE events DETACH PARTITION events_2023;',
    '',
  ],
  invalid: [
    { code: 'ALTER TABLE events DETACH PARTITION events_2023;', errors: [error(1, 37, { partition: 'events_2023', parent: 'events' })] },
    { code: 'ALTER TABLE public.events DETACH PARTITION archive.events_2023;', errors: [error(1, 44, { partition: 'archive.events_2023', parent: 'public.events' })] },
    { code: 'alter table events detach partition events_2023;', errors: [error(1, 37)] },
    { code: 'ALTER TABLE IF EXISTS events DETACH PARTITION events_2023;', errors: [error(1, 47)] },
    { code: 'ALTER TABLE ONLY events DETACH PARTITION events_2023;', errors: [error(1, 42)] },
    { code: 'ALTER TABLE "Events" DETACH PARTITION "Events_2023";', errors: [error(1, 39, { partition: 'Events_2023', parent: 'Events' })] },
    { code: 'ALTER TABLE events\n  DETACH PARTITION events_2023;', errors: [error(2, 20)] },
    // Another table was created here, not this one.
    { code: 'CREATE TABLE events_2027 (id bigint, at date);\nALTER TABLE events DETACH PARTITION events_2023;', errors: [error(2, 37)] },
    { code: 'CREATE TABLE staging.events (id int);\nALTER TABLE events DETACH PARTITION events_2023;', errors: [error(2, 37)] },
    // Each statement.
    { code: 'ALTER TABLE events DETACH PARTITION events_2022;\nALTER TABLE events DETACH PARTITION events_2023;', errors: [error(1, 37), error(2, 37)] },
    // PostgreSQL 14+ (the default, explicit, an invalid setting falls back to the default).
    { code: 'ALTER TABLE events DETACH PARTITION events_2023;', settings: pg(14), errors: [error(1, 37)] },
    { code: 'ALTER TABLE events DETACH PARTITION events_2023;', settings: pg(null), errors: [error(1, 37)] },
  ],
});

describe(`${RULE}: disable comments and malformed input`, () => {
  it('honours -- eslint-disable-next-line fortress/<rule>', () => {
    expect(lintSql(RULE, rule, '-- eslint-disable-next-line fortress/sql-require-concurrent-detach-partition\nALTER TABLE events DETACH PARTITION events_2023;')).toEqual([]);
  });

  it('a syntax error is one parsing error, not a crash', () => {
    expectSqlMalformed(RULE, rule, 'ALTER TABLE events DETACH PARTITION events_2023;\nALTER TABLE events DETACH PARTITION;');
  });

  it('a truncated statement is one parsing error', () => {
    expectSqlMalformed(RULE, rule, 'ALTER TABLE events DETACH');
  });
});
