// What the rule creators of every language (TypeScript, SQL, Prisma) share: a rule's options with its defaults, and
// the language check that keeps a rule turned on without `files` quiet on files of another language.
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

/**
 * False when the linted file is in another language than `isLanguage` accepts. A context made outside ESLint without
 * a source code (a test of the options) is given the benefit of the doubt.
 */
export function speaks(context: { sourceCode?: { ast?: unknown } }, isLanguage: (ast: unknown) => boolean): boolean {
  const ast = context.sourceCode?.ast;
  return ast === undefined || isLanguage(ast);
}

/** The listeners of a rule on a file it does not speak: none. */
export const noListeners = Object.freeze({});
