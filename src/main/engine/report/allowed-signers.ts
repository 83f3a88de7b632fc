// OpenSSH allowed_signers files: who a reviewer trusts to sign what, read the way `ssh-keygen -Y verify` reads them.
import { SshReader, strictBase64 } from './ssh-wire';

/** One usable line of an allowed_signers file. */
export interface AllowedSigner {
  line: number;
  principals: string;
  certAuthority: boolean;
  namespaces: string | null;
  validAfter: Date | null;
  validBefore: Date | null;
  keyType: string;
  blob: Buffer;
}

/** The usable lines, and why each unusable line was skipped. */
export interface AllowedSignersFile {
  entries: AllowedSigner[];
  errors: { line: number; message: string }[];
}

/** Parses an allowed_signers file; bad lines are reported, not fatal, because one typo must not hide the rest. */
export function parseAllowedSigners(text: string): AllowedSignersFile {
  const out: AllowedSignersFile = { entries: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const parsed = parseLine(trimmed, i + 1);
    if (typeof parsed === 'string') out.errors.push({ line: i + 1, message: parsed });
    else out.entries.push(parsed);
  });
  return out;
}

/** True when the file lists `blob` for `principal` in `namespace` at time `now`, as `ssh-keygen -Y verify -I` decides. */
export function isAllowedSigner(file: AllowedSignersFile, principal: string, namespace: string, blob: Uint8Array, now = new Date()): boolean {
  return file.entries.some(
    (e) =>
      // A cert-authority line trusts certificates signed by the key, not signatures made by the key itself.
      !e.certAuthority &&
      Buffer.compare(e.blob, blob) === 0 &&
      matchPatternList(principal, e.principals) &&
      (e.namespaces === null || matchPatternList(namespace, e.namespaces)) &&
      (e.validAfter === null || now >= e.validAfter) &&
      (e.validBefore === null || now <= e.validBefore),
  );
}

/** OpenSSH pattern-list matching: comma-separated `*`/`?` patterns, a `!pattern` that matches vetoes the list. */
export function matchPatternList(value: string, list: string): boolean {
  let positive = false;
  for (const item of list.split(',')) {
    const negated = item.startsWith('!');
    const pattern = negated ? item.slice(1) : item;
    if (!matchPattern(value, pattern)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

// Iterative wildcard matching: linear backtracking to the last `*`, so a hostile pattern cannot stall verification
// the way a regular expression built from it could.
function matchPattern(value: string, pattern: string): boolean {
  if (value.length > 1024 || pattern.length > 1024) return false;
  let v = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === value[v]))) {
      v++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function parseLine(text: string, line: number): AllowedSigner | string {
  const tokens = tokenize(text);
  const principals = tokens.shift();
  if (!principals) return 'no principals';
  let options = '';
  if (tokens[0] !== undefined && !looksLikeKeyType(tokens[0])) options = tokens.shift() ?? '';
  const [keyType, b64] = tokens;
  if (!keyType || !b64) return 'no key';
  const blob = strictBase64(b64);
  if (!blob) return 'key is not valid base64';
  try {
    if (new SshReader(blob).text() !== keyType) return `key data is not ${keyType}`;
  } catch {
    return 'key data is malformed';
  }
  const entry: AllowedSigner = { line, principals, certAuthority: false, namespaces: null, validAfter: null, validBefore: null, keyType, blob };
  for (const option of options ? splitOptions(options) : []) {
    const m = /^([A-Za-z-]+)(?:="(.*)")?$/s.exec(option);
    const name = m?.[1]?.toLowerCase();
    const value = m?.[2];
    if (name === 'cert-authority' && value === undefined) entry.certAuthority = true;
    else if (name === 'namespaces' && value !== undefined) entry.namespaces = value;
    else if ((name === 'valid-after' || name === 'valid-before') && value !== undefined) {
      const when = parseTimestamp(value);
      if (!when) return `bad ${name} time "${value}"`;
      if (name === 'valid-after') entry.validAfter = when;
      else entry.validBefore = when;
    } else return `unknown option "${option}"`;
  }
  return entry;
}

// Fields are separated by blanks, but a quoted part (a quoted principal, namespaces="a b") is one field.
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    if (tokens.length === 0 && text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const stop = close < 0 ? text.length : close;
      tokens.push(text.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let quoted = false;
    const start = i;
    while (i < text.length && (quoted || (text[i] !== ' ' && text[i] !== '\t'))) {
      if (text[i] === '"') quoted = !quoted;
      i++;
    }
    tokens.push(text.slice(start, i));
  }
  return tokens;
}

function splitOptions(options: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < options.length; i++) {
    if (options[i] === '"') quoted = !quoted;
    else if (options[i] === ',' && !quoted) {
      parts.push(options.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(options.slice(start));
  return parts;
}

function looksLikeKeyType(token: string): boolean {
  return /^(ssh-|ecdsa-|sk-)/.test(token);
}

// OpenSSH accepts YYYYMMDD or YYYYMMDDHHMM[SS], local time unless a trailing Z says UTC.
function parseTimestamp(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(Z?)$/i.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', z] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const date = z ? new Date(Date.UTC(...parts)) : new Date(...parts);
  return Number.isNaN(date.getTime()) ? null : date;
}
