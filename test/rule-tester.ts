import { RuleTester } from '@typescript-eslint/rule-tester';

/** A RuleTester for TypeScript sources (no type information needed by our rules). */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
  });
}
