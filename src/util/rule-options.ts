// A rule's options with its defaults, shared by the rule creators of every language (TypeScript, SQL, Prisma).
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';

/**
 * ESLint 9.15+ merges `meta.defaultOptions` into `context.options` itself, once per config (flat config, the only
 * mode that runs the `fortress/sql` and `fortress/prisma` languages; RuleTester too): those options are passed as they
 * are instead of being merged and cloned again for every rule and file. Options shorter than the defaults (a context
 * made outside ESLint) are merged here.
 */
export function optionsWithDefaults<Options extends readonly unknown[]>(options: Options | undefined, defaults: Readonly<Options>): Readonly<Options> {
  return options !== undefined && options.length >= defaults.length ? options : (ESLintUtils.applyDefault(defaults, options ?? null) as Readonly<Options>);
}
