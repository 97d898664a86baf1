import type { TSESTree } from '@typescript-eslint/utils';

import { staticName } from './key-names.js';

/**
 * Whether `node` is inside a migration's `down` (`export async function down`, `down() {…}` in a class or object,
 * `exports.down = …`): what a rollback recreates is the schema as it was, not a new choice, so rules that judge a
 * migration's schema read its `up` only. The nearest enclosing `up` or `down` decides.
 */
export function isInsideDownMigration(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    const name =
      current.type === 'FunctionDeclaration' ? current.id?.name
      : current.type === 'MethodDefinition' || current.type === 'Property' ? staticName(current)
      : current.type === 'AssignmentExpression' && current.left.type === 'MemberExpression' ? staticName(current.left)
      : undefined;
    if (name === 'down') return true;
    if (name === 'up') return false;
  }
  return false;
}
