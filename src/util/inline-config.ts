// `eslint-disable…` / `eslint-enable` / `eslint rule: …` comments for the plugin's own languages (`fortress/sql`,
// `fortress/prisma`): ESLint asks a language's SourceCode for them (getInlineConfigNodes, getDisableDirectives,
// applyInlineConfig); these functions answer from the file's comments, whatever the comment syntax.
import type { FileProblem, SourceCodeBaseTypeOptions, SourceLocation } from '@eslint/core';
import { ConfigCommentParser, Directive, TextSourceCodeBase } from '@eslint/plugin-kit';

/** A comment of a text language: its text without the comment markers, and where it is. */
export interface DirectiveComment {
  value: string;
  loc: SourceLocation;
}

/** An `eslint rule: …` comment's configuration (ESLint's InlineConfigElement). */
export interface InlineConfig {
  loc: SourceLocation;
  config: { rules: ReturnType<ConfigCommentParser['parseJSONLikeConfig']> extends infer R ? (R extends { ok: true; config: infer C } ? C : never) : never };
}

const commentParser = new ConfigCommentParser();
const DIRECTIVE = /^\s*(?:eslint(?:-enable|-disable(?:(?:-next)?-line)?)?)(?:\s|$)/u;

/** The comments that are ESLint directives or inline configs. */
export function inlineConfigComments<T extends DirectiveComment>(comments: readonly T[]): T[] {
  return comments.filter((comment) => DIRECTIVE.test(comment.value));
}

/** The disable/enable directives of the directive comments, and the problems of malformed ones. */
export function disableDirectives(comments: readonly DirectiveComment[]): {
  problems: Array<{ ruleId: null; message: string; loc: SourceLocation }>;
  directives: Directive[];
} {
  const problems: Array<{ ruleId: null; message: string; loc: SourceLocation }> = [];
  const directives: Directive[] = [];
  for (const comment of comments) {
    const directive = commentParser.parseDirective(comment.value);
    if (!directive) continue;
    const { label, value, justification } = directive;
    if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
      problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
      continue;
    }
    if (label === 'eslint-disable' || label === 'eslint-enable' || label === 'eslint-disable-next-line' || label === 'eslint-disable-line') {
      const type = label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
      directives.push(new Directive({ type, node: comment, value, justification }));
    }
  }
  return { problems, directives };
}

/** The rule configurations of `eslint rule: …` comments, and the problems of malformed ones. */
export function inlineConfigs(comments: readonly DirectiveComment[]): { configs: InlineConfig[]; problems: FileProblem[] } {
  const configs: InlineConfig[] = [];
  const problems: FileProblem[] = [];
  for (const comment of comments) {
    const directive = commentParser.parseDirective(comment.value);
    if (directive?.label !== 'eslint') continue;
    const result = commentParser.parseJSONLikeConfig(directive.value);
    if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
    else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
  }
  return { configs, problems };
}

/**
 * A text language's SourceCode whose directives are in its `comments` (`--` / `/* *\/` in SQL, `//` in Prisma): the
 * three methods ESLint asks for them, once per language.
 */
export abstract class CommentDirectivesSourceCode<
  Options extends SourceCodeBaseTypeOptions & { RootNode: object; SyntaxElementWithLoc: object; ConfigNode: DirectiveComment },
> extends TextSourceCodeBase<Options> {
  abstract readonly comments: ReadonlyArray<Options['ConfigNode']>;
  #inlineConfigNodes: Array<Options['ConfigNode']> | undefined;

  getInlineConfigNodes(): Array<Options['ConfigNode']> {
    this.#inlineConfigNodes ??= inlineConfigComments(this.comments);
    return this.#inlineConfigNodes;
  }

  getDisableDirectives(): ReturnType<typeof disableDirectives> {
    return disableDirectives(this.getInlineConfigNodes());
  }

  applyInlineConfig(): ReturnType<typeof inlineConfigs> {
    return inlineConfigs(this.getInlineConfigNodes());
  }
}
