// Zipping a case file's members: fflate lays out the archive, Node's native zlib compresses. fflate's own deflate is
// pure JavaScript and about ten times slower than zlib at a comparable ratio; fflate lets a member bring its own
// compressed bytes (a ZipInputFile with compression 8), so the zip layout stays the library's.
import { deflateRawSync, crc32 } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';

/** Zips the members (in the given order), each deflated by zlib at `level`, all stamped with `mtime`. */
export function zipMembers(members: Map<string, Uint8Array>, mtime: Date, level = 6): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  for (const [name, data] of members) {
    const deflated = deflateRawSync(data, { level });
    const compressed = new Uint8Array(deflated.buffer as ArrayBuffer, deflated.byteOffset, deflated.length);
    const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 8, mtime };
    zip.add(file);
    // Zip.add set ondata; the whole compressed member is its one and final chunk.
    file.ondata!(null, compressed, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
