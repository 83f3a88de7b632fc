// Arbitraries for hostile input: strings an attacker would plant in evidence (markup, ANSI, bidi, prototype keys,
// huge and deeply nested values), arbitrary JSON, and byte-level mutations of real files.
import fc from 'fast-check';

/** Text an attacker controls in a log: markup, script URLs, terminal escapes, bidi overrides, odd Unicode. */
export const HOSTILE_SNIPPETS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '\u001b[31mRED\u001b[0m',
  '\u001b]0;pwned\u0007',
  '\u202eexe.txt',
  '\u2066isolate\u2069',
  '\u0000nul',
  '\r\n',
  '\u2028\u2029',
  '\ud800',
  '\uffff',
  '__proto__',
  'constructor',
  'prototype',
  '{{7*7}}',
  '${7*7}',
  "'; DROP TABLE signals; --",
  '../../etc/passwd',
  'C:\\Windows\\system32',
  '%00%2e%2e%2f',
  '[redacted secret.sha256:' + '0'.repeat(64) + ' AKIA…WXYZ]',
  'AKIAIOSFODNN7EXAMPLE',
  'ghp_' + 'a'.repeat(36),
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----',
  'arn:aws:iam::123456789012:role/<script>',
  '1e999',
  '-0',
  'NaN',
];

/** Keys that have meaning to JavaScript objects; a parser must treat them as plain data. */
export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** A string that is either arbitrary (full Unicode, lone surrogates included) or built from hostile snippets. */
export function hostileString(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength, unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.string({ maxLength, unit: 'binary' }) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SNIPPETS) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE_SNIPPETS), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  );
}

/** A JSON value with hostile keys and strings. Values stay JSON (no undefined, no -0 trouble, finite numbers). */
export function hostileJson(maxDepth = 4): fc.Arbitrary<unknown> {
  const key = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) }, { weight: 1, arbitrary: hostileString(12) });
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -1, 2 ** 53, -(2 ** 53), 1e308, 5e-324, 1_700_000_000, 1_700_000_000_000),
      hostileString(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  })).value;
}

/** Text that is a JSON document or NDJSON made of arbitrary values (so detection and parsing both run). */
export function jsonText(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileJson().map((v) => JSON.stringify(v) ?? 'null'),
    fc.array(hostileJson(3), { minLength: 1, maxLength: 5 }).map((vs) => vs.map((v) => JSON.stringify(v) ?? 'null').join('\n') + '\n'),
    hostileJson().map((v) => JSON.stringify(v, null, 2) ?? 'null'),
  );
}

/** One edit of a byte string: how real files get damaged, truncated or crafted. */
export type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'set'; at: number; byte: number };

/** Payloads worth inserting into JSON text: huge, deep, prototype keys, broken syntax, markup. */
export function insertion(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '{"__proto__":{"polluted":true}}',
      '"__proto__":{"polluted":true},',
      '{"constructor":{"prototype":{"polluted":true}}}',
      ',"__proto__":{"isAdmin":true}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      '}]}]}]',
      '"\\ud800"',
      '"\\u0000"',
      '1e999999',
      '-',
      '\uFEFF',
      '\r',
      '\n',
      '\n\n\n',
      '\u2028',
      'null',
      '"',
      '\\',
      ',',
    ),
    fc.integer({ min: 1, max: 12 }).map((e) => '[' .repeat(2 ** e) + ']'.repeat(2 ** e)),
    fc.integer({ min: 1, max: 12 }).map((e) => '{"a":'.repeat(2 ** e) + '1' + '}'.repeat(2 ** e)),
    fc.integer({ min: 10, max: 21 }).map((e) => `"${'A'.repeat(2 ** e)}"`),
    fc.integer({ min: 10, max: 16 }).map((e) => `[${new Array(2 ** e).fill('0').join(',')}]`),
    fc.constantFrom(...HOSTILE_SNIPPETS).map((s) => JSON.stringify(s)),
    hostileJson(3).map((v) => JSON.stringify(v) ?? 'null'),
  );
}

/** A list of mutations for a file of `size` bytes (positions are taken modulo the size when applied). */
export function mutations(maxEdits = 4): fc.Arbitrary<Mutation[]> {
  const at = fc.nat({ max: 0x7fffffff });
  const edit: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at, mask: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 64 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: insertion() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 256 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), at, byte: fc.constantFrom(0x00, 0x0a, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0xff, 0xc0, 0xe2, 0x80) }) },
  );
  return fc.array(edit, { minLength: 1, maxLength: maxEdits });
}

/** Applies mutations in order to a copy of `bytes`. */
export function applyMutations(bytes: Uint8Array, edits: readonly Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const edit of edits) {
    const size = out.length;
    const at = size === 0 ? 0 : edit.at % (size + (edit.kind === 'insert' ? 1 : 0));
    switch (edit.kind) {
      case 'flip':
        if (size > 0) out[at % size] = (out[at % size] ?? 0) ^ edit.mask;
        break;
      case 'set':
        if (size > 0) out[at % size] = edit.byte;
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + edit.length)]);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(edit.text, 'utf8'), out.subarray(at)]);
        break;
      case 'duplicate':
        out = Buffer.concat([out.subarray(0, at + edit.length), out.subarray(at, at + edit.length), out.subarray(at + edit.length)]);
        break;
      default: {
        const never: never = edit;
        throw new Error(`unknown mutation ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/** Replaces one value deep inside a parsed JSON document, chosen by `pick`, with `replacement`. */
export function replaceSomewhere(doc: unknown, pick: number, replacement: unknown): unknown {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        slots.push({ parent: node, key: i });
        walk(item);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        slots.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  const copy: unknown = JSON.parse(JSON.stringify(doc));
  walk(copy);
  if (slots.length === 0) return replacement;
  const slot = slots[pick % slots.length]!;
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = replacement;
  else Object.defineProperty(slot.parent, slot.key, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}
