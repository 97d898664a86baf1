// One source file parsed into the ESTree AST and scopes that ESLint gives a rule, so that the audit calls the same
// fact functions as the rules (src/rules/utils/*) on it, with the parser the plugin's configs use. No ESLint instance: a minimal SourceCode with what those
// functions use (ast, text, visitorKeys, scopeManager, getScope, getDeclaredVariables). Never throws.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { lazyTsParser } from '../../configs.js';

/** Node type → the keys of its child nodes. */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

export type ParseResult = { sourceCode: TSESLint.SourceCode } | { error: string; line: number; column: number };

/** Parses `text` (TS, TSX, JS, JSX by the file name); a syntax error is returned, never thrown. */
export function parseSource(text: string, filename: string): ParseResult {
  let parsed: ReturnType<typeof lazyTsParser.parseForESLint>;
  try {
    parsed = lazyTsParser.parseForESLint(text, {
      range: true,
      loc: true,
      sourceType: 'module',
      ecmaFeatures: { jsx: /\.[jt]sx$/.test(filename) },
      filePath: filename,
      // No lib globals: the facts resolve names declared or imported in the file; globals stay unresolved.
      lib: [],
    });
  } catch (error) {
    const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message?: string };
    return { error: String(message ?? error).split('\n')[0]!, line: lineNumber ?? 1, column: (column ?? 0) + 1 };
  }
  const { ast, scopeManager, visitorKeys } = parsed;
  setParents(ast, visitorKeys);
  const sourceCode = {
    ast,
    text,
    visitorKeys,
    scopeManager,
    getScope(node: TSESTree.Node) {
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
        const scope = scopeManager!.acquire(current, current.type !== 'Program');
        if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
      }
      return scopeManager!.globalScope!;
    },
    getDeclaredVariables(node: TSESTree.Node) {
      return scopeManager!.getDeclaredVariables(node);
    },
  };
  return { sourceCode: sourceCode as unknown as TSESLint.SourceCode };
}

/** Every child node, in visitor-key order (for the audit's own walks over a parsed file). */
export function childrenOf(node: TSESTree.Node, keys: VisitorKeys): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of keys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') children.push(item as TSESTree.Node);
    }
  }
  return children;
}

/** ESLint sets `parent` while it traverses; the fact functions walk up through it. */
function setParents(root: TSESTree.Node, keys: VisitorKeys): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of childrenOf(node, keys)) {
      (child as { parent: TSESTree.Node }).parent = node;
      stack.push(child);
    }
  }
}
