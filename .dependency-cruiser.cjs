/** Our own layers, checked on ourselves in `npm test` (dependency-cruiser is the tool the audit ships on). */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Circular imports make load order fragile and the layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-stay-out-of-audit-and-cli',
      comment: 'Rules run in every editor: they never import the audit or the CLI (ts-morph, dependency-cruiser).',
      severity: 'error',
      from: { path: '^src/(rules|sql|prisma|util)/' },
      to: { path: '^src/(audit|cli)/' },
    },
    {
      name: 'sql-does-not-know-ts-rules',
      comment: 'Imports flow rules → sql, never back.',
      severity: 'error',
      from: { path: '^src/sql/' },
      to: { path: '^src/rules/' },
    },
    {
      name: 'prisma-does-not-know-ts-rules',
      comment: 'The Prisma language and rules use src/sql (positions, provider reading) and src/util only.',
      severity: 'error',
      from: { path: '^src/prisma/' },
      to: { path: '^src/rules/' },
    },
    {
      name: 'audit-does-not-import-cli',
      comment: 'Only the CLI prints, writes files and exits; the audit returns data.',
      severity: 'error',
      from: { path: '^src/audit/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'reporters-read-only-the-result',
      comment: 'Reporters are pure: AuditResult in, text out.',
      severity: 'error',
      from: { path: '^src/audit/report/' },
      to: { path: '^src/(audit/(extract|checks)|rules|sql|cli)/' },
    },
    {
      name: 'cli-is-the-top',
      comment: 'Imports flow cli → audit → (rules, sql): nothing below the CLI imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'reporters-and-baseline-stay-pure',
      comment: 'Reporters and the baseline matching never touch the file system or git; the CLI does the I/O.',
      severity: 'error',
      from: { path: '^src/audit/(report/|baseline\\.ts$)' },
      to: { path: '^(fs|node:fs|fs/promises|node:fs/promises|child_process|node:child_process|simple-git)$' },
    },
    {
      name: 'checks-do-no-io',
      comment: 'Checks are pure: context in, findings out.',
      severity: 'error',
      from: { path: '^src/audit/checks/' },
      to: { path: '^(fs|node:fs|child_process|node:child_process|fs/promises|node:fs/promises)$', dependencyTypes: ['core'] },
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment:
        'What src imports must be a runtime dependency of the package: a dependency, or a peer (eslint, also a dev dependency for our tests). Type-only imports (@types/sarif) vanish at build time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['npm-peer', 'type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
