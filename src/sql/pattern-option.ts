// A rule option that is a regular expression source (`deprecatedNamePattern`, `keyColumnPattern`): compiled once per
// value; a source that does not compile falls back to the default and is reported once per file by the rule.
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

const compiled = new Map<string, RegExp | undefined>();

/** The option's RegExp (case-sensitive: camelCase names are told apart), or undefined when `source` does not compile. Never throws. */
export function patternOption(source: string): RegExp | undefined {
  if (compiled.has(source)) return compiled.get(source);
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(source, 'u');
  } catch {
    pattern = undefined;
  }
  if (compiled.size > 100) compiled.clear();
  compiled.set(source, pattern);
  return pattern;
}

/** The options schema of a rule whose one option is such a pattern (`{ [name]: '<regexp>' }`). */
export function patternOptionsSchema(name: string, description: string): JSONSchema4[] {
  return [{ type: 'object', properties: { [name]: { type: 'string', minLength: 1, maxLength: 500, description } }, additionalProperties: false }];
}

/** The option's RegExp, or the default's after `onInvalid` (the rule's one report) when the option does not compile. */
export function resolvePatternOption(source: string, fallback: string, onInvalid: () => void): RegExp {
  const pattern = patternOption(source);
  if (pattern) return pattern;
  onInvalid();
  return patternOption(fallback) ?? /(?!)/u;
}
