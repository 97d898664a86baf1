// The target PostgreSQL version, where the migration rules' verdicts differ by version: ESLint's shared setting
// `settings: { fortress: { postgresVersion: 13 } }` (a major version number). Default: 14, and every later version
// behaves the same for the rules (11: a constant ADD COLUMN default no longer rewrites; 14: DETACH PARTITION
// CONCURRENTLY exists). A value that is not a number from 9 to 99 is ignored (the default applies).

/** The version assumed when `settings.fortress.postgresVersion` is absent or invalid. */
export const DEFAULT_POSTGRES_VERSION = 14;

/** The target PostgreSQL major version from a rule context's `settings.fortress.postgresVersion`. Never throws. */
export function postgresVersionOf(context: { settings?: unknown }): number {
  const settings = context.settings as { fortress?: { postgresVersion?: unknown } } | undefined;
  const value = settings?.fortress?.postgresVersion;
  const major = typeof value === 'string' ? Number.parseFloat(value) : value;
  return typeof major === 'number' && Number.isFinite(major) && major >= 9 && major < 100 ? Math.floor(major) : DEFAULT_POSTGRES_VERSION;
}
