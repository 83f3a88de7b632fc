// Copying evidence into the workspace's content-addressed store as a stream, hashing on the way: what lands under
// evidence/<sha256> is proven to be what was hashed. The copies of a refused import are taken back out.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../../../../shared/errors';
import type { WorkspaceFiles } from '../../workspace-files';
import type { ByteReader } from './byte-reader';

/** Copies one import's evidence files into the store and can remove them again if the import is refused. */
export class EvidenceCopier {
  private readonly created: string[] = [];
  private createdDir: string | undefined;
  private lastDir: string | undefined;

  constructor(private readonly files: WorkspaceFiles) {}

  /** Streams `open()` into evidence/<sha256> (unless it is already there), refusing bytes that no longer hash to it. */
  copy(sha256: string, open: () => ByteReader, display: string): void {
    const path = this.files.evidencePath(sha256);
    if (existsSync(path)) return;
    const dir = dirname(path);
    // mkdirSync tells the first folder it made (the workspace itself, for a new one): removed whole on refusal.
    this.createdDir ??= mkdirSync(dir, { recursive: true });
    this.lastDir = dir;
    const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx', 0o600);
    const hash = createHash('sha256');
    const reader = open();
    try {
      for (let chunk = reader.next(); chunk; chunk = reader.next()) {
        hash.update(chunk);
        for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
      }
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw err;
    } finally {
      reader.close();
    }
    closeSync(fd);
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      rmSync(tmp, { force: true });
      throw new WorkbenchError('BAD_INPUT', `${display} changed while it was being imported (SHA-256 ${sha256} when read, ${actual} when stored); nothing was imported.`, {
        file: display,
        hint: 'Something is still writing to the evidence. Import a copy that nothing else touches.',
      });
    }
    renameSync(tmp, path);
    this.created.push(path);
  }

  /** Makes the renames durable. */
  finish(): void {
    if (this.lastDir === undefined) return;
    let fd: number | undefined;
    try {
      fd = openSync(this.lastDir, 'r');
      fsyncSync(fd);
    } catch {
      // Windows cannot fsync a folder; the renames are still atomic there.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Removes what this import put into the store, leaving it as it was. */
  undo(): void {
    for (const path of this.created) rmSync(path, { force: true });
    if (this.createdDir !== undefined) rmSync(this.createdDir, { recursive: true, force: true });
  }
}
