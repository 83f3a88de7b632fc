// The SSH wire encoding (RFC 4251 uint32 and length-prefixed strings) that OpenSSH keys and SSHSIG are made of.

/** Thrown by the reader on truncated or malformed input; callers turn it into a user-facing error. */
export class SshWireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshWireError';
  }
}

/** Encodes a uint32 in network byte order. */
export function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

/** Encodes an SSH `string`: a uint32 length followed by the bytes. */
export function sshString(value: Uint8Array | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  return Buffer.concat([u32(bytes.length), bytes]);
}

/** Reads SSH wire fields in order, refusing to read past the end. */
export class SshReader {
  private offset = 0;
  private readonly buf: Buffer;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.buf.length - this.offset;
  }

  /** Reads exactly `n` raw bytes. */
  bytes(n: number): Buffer {
    if (n < 0 || n > this.remaining) throw new SshWireError(`truncated: wanted ${n} bytes, ${this.remaining} left`);
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Reads a uint32. */
  u32(): number {
    return this.bytes(4).readUInt32BE(0);
  }

  /** Reads a length-prefixed string as bytes. */
  string(): Buffer {
    return this.bytes(this.u32());
  }

  /** Reads a length-prefixed string as text; names and comments in SSH formats are UTF-8. */
  text(): string {
    return this.string().toString('utf8');
  }

  /** Fails when bytes are left over, which a well-formed structure never has. */
  end(what: string): void {
    if (this.remaining !== 0) throw new SshWireError(`${what}: ${this.remaining} unexpected trailing bytes`);
  }
}

/** Decodes standard base64, refusing anything that does not re-encode to the same text (Node's decoder skips junk). */
export function strictBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Wraps base64 text into lines of `width` characters, as OpenSSH's armor does. */
export function wrapBase64(bytes: Uint8Array, width: number): string {
  const text = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join('\n');
}
