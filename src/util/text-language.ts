// What the plugin's text languages (`fortress/sql`, `fortress/prisma`) share in ESLint's Language API.
import type { File } from '@eslint/core';

/** A file's text (ESLint passes a string, or bytes for a language that asks for them). */
export function textOf(file: File): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

/**
 * The Language fields of a text language without options: 1-based lines, 0-based columns, `type` as the node type.
 * Unknown language options are ignored, not rejected: config objects without `files` (such as typescript-eslint's
 * base config, `languageOptions: { parser, sourceType }`) also apply to these files.
 */
export const TEXT_LANGUAGE = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: 'type',
  defaultLanguageOptions: {},
  validateLanguageOptions(languageOptions: Record<string, unknown>): void {
    if (languageOptions === null || typeof languageOptions !== 'object') throw new TypeError('Expected an object.');
  },
} as const;
