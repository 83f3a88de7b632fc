// Test helpers: temporary folders, fixture paths, and a byte-exact snapshot of a folder tree.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '../..');
/** Our own small fixtures. */
export const FIXTURES = join(REPO, 'test/fixtures');
/** Real third-party evidence, present on development machines only. */
export const REAL_FIXTURES = resolve(REPO, '../shared/fixtures/real');

/** A new empty temp folder. */
export function tempDir(prefix = 'nhi-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under a folder with its SHA-256, so tests can assert "byte for byte as before". */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
