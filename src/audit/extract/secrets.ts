// Hardcoded credentials, tracked .env files and process.env reads outside the env module. Owner: the secrets check.
// Stub until it lands. A secret's text never leaves this module in clear: at most its first 4 characters, then `****`.
import type { ExtractInput } from './input.js';

export interface SecretFact {
  kind: string;
  file: string;
  line: number;
  column: number;
  /** Already redacted. */
  redacted: string;
}

export interface SecretFacts {
  secrets: SecretFact[];
}

export async function extractSecrets(input: ExtractInput): Promise<SecretFacts> {
  void input;
  return { secrets: [] };
}
