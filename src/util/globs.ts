// Glob options that pass a rule's schema may still not compile (picomatch throws on an empty pattern or one over
// 65,536 characters). A rule turns such a glob into one finding on the linted file naming the option, never an
// exception; the glob itself matches nothing.
import picomatch from 'picomatch';

/** Glob options' longest accepted pattern in the rules' schemas (a path is at most PATH_MAX = 4,096 bytes). */
export const MAX_GLOB_LENGTH = 4096;

/** The JSON schema of a rule option that is a list of globs. */
export function globListSchema(description: string): { description: string; type: 'array'; items: { type: 'string'; minLength: 1; maxLength: number } } {
  return { description, type: 'array', items: { type: 'string', minLength: 1, maxLength: MAX_GLOB_LENGTH } };
}

const problems = new Map<string, string | undefined>();

/** Why picomatch cannot compile `glob` (as the rules compile it, `{ dot: true }`), or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  if (problems.has(glob)) return problems.get(glob);
  let problem: string | undefined;
  try {
    picomatch(glob, { dot: true });
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problems.size > 1000) problems.clear();
  problems.set(glob, problem);
  return problem;
}

/** The message of the finding on an invalid glob option; its data come from `invalidGlobData`. */
export const INVALID_GLOB_MESSAGE = 'Option `{{option}}` has a glob that cannot be compiled and matches nothing ({{problem}}): {{glob}}.';

/** The data of the one finding on the first glob of `option` that cannot compile, or undefined when all compile. */
export function invalidGlobData(option: string, globs: readonly string[] | undefined): Record<string, string> | undefined {
  for (const glob of globs ?? []) {
    const problem = globProblem(glob);
    if (problem === undefined) continue;
    const shown = glob.length > 80 ? `${JSON.stringify(glob.slice(0, 80))}… (${glob.length} characters)` : JSON.stringify(glob);
    return { option, problem: problem.replace(/\.$/, ''), glob: shown };
  }
  return undefined;
}
