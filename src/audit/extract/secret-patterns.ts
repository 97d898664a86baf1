// Hardcoded credentials in one text, by linear scans only: provider patterns with a fixed prefix and bounded
// repetitions (no nested quantifiers, so no backtracking blow-up on a 1 MB minified line), and a hand-written scanner
// of string literals and `KEY=value` lines for values assigned to secret-like names. What leaves this module is
// redacted: at most the first 4 characters of a secret, then `****`.

export interface SecretMatch {
  kind: SecretKind;
  /** String offset of the secret in the text. */
  offset: number;
  /** First 4 characters, then `****`. */
  redacted: string;
  /** For assignments: the name the value is assigned to. */
  name?: string;
}

export type SecretKind =
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'stripe-live-key'
  | 'github-token'
  | 'slack-token'
  | 'private-key'
  | 'connection-string-password'
  | 'secret-assignment';

/** The one way a secret is shown: its first 4 characters (at most half of a short one), then `****`. */
export function redact(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 2)))}****`;
}

interface Pattern {
  kind: SecretKind;
  pattern: RegExp;
}

// Each pattern starts with a literal and has only bounded repetitions of single character classes.
const PATTERNS: readonly Pattern[] = [
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'stripe-live-key', pattern: /\b[rs]k_live_[0-9A-Za-z]{10,247}/g },
  { kind: 'github-token', pattern: /\bgh[opsur]_[0-9A-Za-z]{36,251}\b/g },
  { kind: 'github-token', pattern: /\bgithub_pat_[0-9A-Za-z_]{22,255}/g },
  { kind: 'slack-token', pattern: /\bxox[abprs]-[0-9A-Za-z-]{10,250}/g },
  { kind: 'private-key', pattern: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY( BLOCK)?-----/g },
];

/** `scheme://user:password@host`: the user and password parts exclude the delimiters that end them. */
const CONNECTION_STRING = /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/'"`]{1,128}):([^\s@/'"`]{1,256})@([^\s:/'"`?]{1,256})/g;
/** Passwords of documentation examples, not of a database. */
const EXAMPLE_PASSWORDS = new Set(['password', 'pass', 'passwd', 'secret', 'postgres', 'root', 'admin', 'changeme', 'pwd']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', 'host.docker.internal']);

/** Names that hold a secret: `password`, `dbPassword`, `JWT_SECRET`, `apiKey`, `client_secret`, `authToken`. */
const SECRET_NAME = /secret|passw(?:or)?d|\bpwd|_pwd|token|api_?key|apikey|private_?key|access_?key|credential|jwt/i;
/** …unless the name describes the secret instead of holding it: `passwordField`, `tokenUrl`, `secretName`. */
const DESCRIPTIVE_SUFFIX = /(?:name|field|label|type|url|uri|path|file|header|length|min|max|pattern|regex|placeholder|prefix|expires(?:_?in)?|ttl|algorithm|issuer|audience|key_?id|version|env|hint|message|column|policy|strategy|mode)$/i;
const PLACEHOLDER = /changeme|change_me|change-me|example|placeholder|your[_-]|dummy|redacted|xxx|\*\*\*|todo|sample|fake|secret_here|replace/i;
const MIN_SECRET_LENGTH = 8;
const MAX_SECRET_LENGTH = 512;
/** Bits per character: `password123` ≈ 3.3, `aaaaaaaa` = 0, a random base64 string ≈ 5–6. */
export const ENTROPY_THRESHOLD = 3;

/** Shannon entropy of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A literal value that is no secret: too short, a template, an env lookup, a placeholder, a path, a sentence. */
export function isPlaceholder(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH) return true;
  if (value.includes('${') || value.includes('{{') || value.includes('process.env') || /^<.*>$/.test(value)) return true;
  if (value.includes(' ') || value.startsWith('/') || value.startsWith('./') || /^https?:/.test(value)) return true;
  return PLACEHOLDER.test(value) || shannonEntropy(value) < ENTROPY_THRESHOLD;
}

function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code === 45 || code === 46;
}

/**
 * The name assigned a value starting at `quote` (the opening quote, or the value's first character for `KEY=value`):
 * reads backwards over spaces, one `=`/`:`/`:=`/`=>`-free operator, a closing quote of a JSON/YAML key, and at most 64
 * identifier characters. Bounded work per value.
 */
function assignedName(text: string, quote: number): string | undefined {
  let index = quote - 1;
  const skipSpaces = (): void => {
    while (index >= 0 && quote - index < 80 && (text[index] === ' ' || text[index] === '\t')) index--;
  };
  skipSpaces();
  const operator = text[index];
  if (operator !== '=' && operator !== ':') return undefined;
  if (operator === '=' && (text[index - 1] === '=' || text[index - 1] === '!' || text[index + 1] === '=')) return undefined;
  index--;
  if (text[index] === ':' || text[index] === '?') index--; // `:=`, `?:` never mind
  skipSpaces();
  if (text[index] === '"' || text[index] === "'") index--;
  const readName = (): string => {
    const end = index + 1;
    while (index >= 0 && end - index <= 64 && isIdentifierChar(text.charCodeAt(index))) index--;
    return text.slice(index + 1, end).replace(/^[.-]+/, '');
  };
  let name = readName();
  // A TypeScript annotation, `password: string = '…'`: the name is before the type.
  if (operator === '=') {
    skipSpaces();
    if (text[index] === ':') {
      index--;
      skipSpaces();
      name = readName() || name;
    }
  }
  return name === '' ? undefined : name;
}

function isSecretName(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return SECRET_NAME.test(last) && !DESCRIPTIVE_SUFFIX.test(last);
}

/** String literals (`'…'`, `"…"`, `` `…` `` on one line) assigned to secret-like names. */
function* quotedAssignments(text: string): Generator<{ name: string; value: string; offset: number }> {
  // The next position of each quote character, or -1 once none is left (each is searched for forward only).
  const next: Record<string, number> = { "'": -2, '"': -2, '`': -2 };
  let position = 0;
  for (;;) {
    let open = -1;
    for (const quote of ["'", '"', '`']) {
      if (next[quote]! !== -1 && next[quote]! < position) next[quote] = text.indexOf(quote, position);
      const at = next[quote]!;
      if (at !== -1 && (open === -1 || at < open)) open = at;
    }
    if (open === -1) return;
    const quote = text[open]!;
    const close = text.indexOf(quote, open + 1);
    next[quote] = close;
    if (close === -1) return;
    const value = text.slice(open + 1, close);
    position = close + 1;
    if (value.includes('\n') || value.length > MAX_SECRET_LENGTH) {
      position = open + 1;
      continue;
    }
    const name = assignedName(text, open);
    if (name !== undefined) yield { name, value, offset: open + 1 };
  }
}

/** `NAME=value` / `name: value` lines without quotes (.env, YAML, ini, properties). */
function* bareAssignments(text: string): Generator<{ name: string; value: string; offset: number }> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, Math.min(end, start + 1024));
    const separator = line.search(/[=:]/);
    if (separator > 0 && separator < 80) {
      const name = line.slice(0, separator).replace(/^\s*(?:export\s+)?/, '').trim().replace(/^["']|["']$/g, '');
      const value = line.slice(separator + 1).trim().replace(/\s+#.*$/, '');
      if (/^[\w.-]{1,64}$/.test(name) && value !== '' && !/^["'`]/.test(value)) yield { name, value, offset: start + line.indexOf(value, separator) };
    }
    start = end + 1;
  }
}

/** `jwt.sign(payload, '…')` / `jwt.verify(token, '…')` (jsonwebtoken): the key is the second argument. */
const JWT_CALL = /\b(?:jwt|jsonwebtoken)\.(?:sign|verify)\(/g;
/** How far past `(` the first argument may run (bounded work per call on a minified line). */
const JWT_ARGUMENT_REACH = 300;

/** String literals passed as the key of a jsonwebtoken call. */
function* jwtKeyArguments(text: string): Generator<{ name: string; value: string; offset: number }> {
  JWT_CALL.lastIndex = 0;
  for (let match = JWT_CALL.exec(text); match; match = JWT_CALL.exec(text)) {
    const open = match.index + match[0].length;
    const limit = Math.min(text.length, open + JWT_ARGUMENT_REACH);
    let depth = 0;
    let comma = -1;
    for (let index = open; index < limit && comma === -1; index++) {
      const char = text[index];
      if (char === '(' || char === '[' || char === '{') depth++;
      else if (char === ')' || char === ']' || char === '}') {
        if (depth === 0) break;
        depth--;
      } else if (char === ',' && depth === 0) comma = index;
    }
    if (comma === -1) continue;
    let start = comma + 1;
    while (start < limit && (text[start] === ' ' || text[start] === '\n' || text[start] === '\t')) start++;
    const quote = text[start];
    if (quote !== "'" && quote !== '"' && quote !== '`') continue;
    const close = text.indexOf(quote, start + 1);
    if (close === -1 || close - start > MAX_SECRET_LENGTH) continue;
    yield { name: match[0].slice(0, -1), value: text.slice(start + 1, close), offset: start + 1 };
  }
}

/** `process.env.JWT_SECRET || '…'` / `?? '…'`: a hardcoded fallback for a secret read from the environment. */
const ENV_FALLBACK = /process\.env\.([A-Za-z0-9_]{1,64})[ \t]{0,8}(?:\|\||\?\?)[ \t]{0,8}(['"`])/g;

function* envFallbacks(text: string): Generator<{ name: string; value: string; offset: number }> {
  ENV_FALLBACK.lastIndex = 0;
  for (let match = ENV_FALLBACK.exec(text); match; match = ENV_FALLBACK.exec(text)) {
    const start = match.index + match[0].length;
    const close = text.indexOf(match[2]!, start);
    if (close === -1 || close - start > MAX_SECRET_LENGTH) continue;
    yield { name: match[1]!, value: text.slice(start, close), offset: start };
  }
}

/**
 * A literal that stands for a key whatever its entropy (jwt.sign's key, an env fallback): not empty, not a template,
 * not an elision (`'…'`, `'...'`, `'***'`, `'<secret>'`) as documentation and comments write the pattern.
 */
function isLiteralKey(value: string): boolean {
  return value.length > 0 && !value.includes('${') && !/^(?:…+|\.{2,}|\*+|<[^<>]*>)$/.test(value.trim());
}

export interface ScanOptions {
  /** Read `KEY=value` lines too (.env, YAML, ini, properties files). */
  bareValues: boolean;
}

/** Every credential found in `text`, in order of offset, redacted. Linear in the text's length. */
export function scanSecrets(text: string, options: ScanOptions): SecretMatch[] {
  const found: SecretMatch[] = [];
  const seen = new Set<number>();
  const add = (match: SecretMatch): void => {
    if (seen.has(match.offset)) return;
    seen.add(match.offset);
    found.push(match);
  };
  for (const { kind, pattern } of PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // A key block's text starts after the header: show the header's first 4 characters only.
      add({ kind, offset: match.index, redacted: redact(match[0]) });
    }
  }
  CONNECTION_STRING.lastIndex = 0;
  for (let match = CONNECTION_STRING.exec(text); match; match = CONNECTION_STRING.exec(text)) {
    const [, user, password, host] = match as unknown as [string, string, string, string];
    if (password === user || EXAMPLE_PASSWORDS.has(password.toLowerCase()) || password.startsWith('$') || password.startsWith('<') || /^[*x]+$/i.test(password) || PLACEHOLDER.test(password)) continue;
    if (LOCAL_HOSTS.has(host.toLowerCase())) continue;
    const offset = match.index + match[0].indexOf(`:${password}@`) + 1;
    add({ kind: 'connection-string-password', offset, redacted: redact(password) });
  }
  for (const { name, value, offset } of jwtKeyArguments(text)) {
    // Any literal key is hardcoded, whatever its entropy (a short word as the key is the classic); templates are not literals.
    if (isLiteralKey(value) && !seen.has(offset)) add({ kind: 'secret-assignment', offset, redacted: redact(value), name });
  }
  for (const { name, value, offset } of envFallbacks(text)) {
    // A fallback is used whenever the variable is unset: any literal value for a secret is one, whatever its entropy.
    if (isSecretName(name) && isLiteralKey(value) && !value.includes('\n')) add({ kind: 'secret-assignment', offset, redacted: redact(value), name });
  }
  const assignments = options.bareValues ? [...quotedAssignments(text), ...bareAssignments(text)] : quotedAssignments(text);
  for (const { name, value, offset } of assignments) {
    if (!isSecretName(name) || seen.has(offset)) continue;
    // An AWS secret key is 40 characters of base64 next to an AWS name: flagged like the key id it goes with.
    const isAwsSecret = /aws/i.test(name) && /secret/i.test(name) && /^[A-Za-z0-9/+]{40}$/.test(value);
    if (!isAwsSecret && isPlaceholder(value)) continue;
    const kind: SecretKind = isAwsSecret ? 'aws-secret-access-key' : 'secret-assignment';
    add({ kind, offset, redacted: redact(value), name });
  }
  return found.sort((a, b) => a.offset - b.offset);
}
