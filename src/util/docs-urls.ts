// Where the documentation lives: rule pages and check pages, from their names. Imported by the rule creator and by
// the audit's reporters (which may read nothing but the result and these links).
export const REPOSITORY_URL = 'https://github.com/eslint-plugin-fortress/eslint-plugin-fortress';

/** docs/rules/<name>.md for a rule name without the `fortress/` prefix. */
export const ruleDocsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;

/** docs/checks/<id>.md for a check id. */
export const checkDocsUrl = (id: string): string => `${REPOSITORY_URL}/blob/main/docs/checks/${id}.md`;

/** The help page of a finding's rule id: `fortress/<rule>` → the rule's page, `<check-id>/<what>` → the check's page. */
export function findingDocsUrl(ruleId: string): string {
  const [head, tail] = ruleId.split('/', 2);
  if (head === 'fortress' && tail) return ruleDocsUrl(tail);
  return checkDocsUrl(head ?? ruleId);
}
