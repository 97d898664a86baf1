import { ESLintUtils } from '@typescript-eslint/utils';

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-fortress/eslint-plugin-fortress';

export interface FortressRuleDocs {
  /** In `configs.recommended`. Every rule is in `configs.all`. */
  recommended?: boolean;
}

/** The one rule creator: every rule's docs URL is derived from its name. */
export const createRule = ESLintUtils.RuleCreator<FortressRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
