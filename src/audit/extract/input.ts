// What every extractor is given by the orchestrator (src/audit/index.ts).
import type { AuditConfig } from '../options.js';
import type { Notice } from '../types.js';

/**
 * The text the ESLint pass read for `file`, when it is one an extractor would accept from disk: at most `maxBytes`,
 * no NUL (binary). Undefined otherwise: the extractor then reads the file itself, with its own checks and notices.
 */
export function cachedText(input: ExtractInput, file: string, maxBytes: number): string | undefined {
  const text = input.texts?.get(file);
  if (text === undefined || text.includes('\0') || Buffer.byteLength(text) > maxBytes) return undefined;
  return text;
}

export interface ExtractInput {
  /** Absolute path of the audited directory. */
  root: string;
  config: AuditConfig;
  /** Every file of the project the audit reads (relative posix paths, ignores applied, sorted). */
  files: readonly string[];
  /** Problems met while extracting (an unreadable file, a skipped migration set): push one per problem, never throw. */
  notices: Notice[];
  /**
   * Migration files (relative posix) already deployed: those on the base ref of `--changed-since`. A migration not in
   * the set is new. Undefined when unknown (every migration counts as deployed).
   */
  deployedMigrations?: ReadonlySet<string>;
  /**
   * Where to run git (tracked files, history): the project folder even when `root` is a snapshot of the index
   * (`--staged`). Relative paths are the same in both. Undefined: use `root`.
   */
  gitRoot?: string;
  /** false: the orchestrator found no git repository and named that once; extractors skip git facts without a notice. */
  gitAvailable?: boolean;
  /**
   * Texts of the TS/JS files the audit's ESLint pass read (a BOM kept), so that the extractors do not read them again
   * (cachedText). A file not in it is read from disk.
   */
  texts?: ReadonlyMap<string, string>;
}
