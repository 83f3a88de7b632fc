// The workspace folder on disk: the database checkpoint and the content-addressed evidence store.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { WorkbenchError } from '../../shared/errors';
import { writeFileAtomic } from './db/atomic-write';

const CHECKPOINT = 'workspace.sqlite';
const EVIDENCE = 'evidence';

/** Paths and reads/writes of one workspace folder. Creates nothing until something is written. */
export class WorkspaceFiles {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** The folder's name, shown as the workspace name. */
  get name(): string {
    return basename(this.dir);
  }

  get checkpointPath(): string {
    return join(this.dir, CHECKPOINT);
  }

  /** True when the folder holds a workspace checkpoint. */
  hasCheckpoint(): boolean {
    return existsSync(this.checkpointPath);
  }

  /** Refuses a path that exists but cannot become a workspace (a file, or a folder of other things). */
  checkUsable(create: boolean): void {
    if (!existsSync(this.dir)) {
      if (create) return;
      throw new WorkbenchError('NOT_FOUND', `No workspace at ${this.dir}.`, { hint: 'Check the path, or create a new workspace there.' });
    }
    if (!statSync(this.dir).isDirectory()) {
      throw new WorkbenchError('BAD_INPUT', `${this.dir} is a file, not a workspace folder.`, { hint: 'Choose a folder.' });
    }
    if (!create && !this.hasCheckpoint()) {
      throw new WorkbenchError('NOT_FOUND', `${this.dir} is not an NHI Workbench workspace (no ${CHECKPOINT}).`, {
        hint: 'Choose the folder you created as a workspace, or create a new one.',
      });
    }
  }

  /** The last checkpoint's bytes. */
  readCheckpoint(): Uint8Array {
    return readFileSync(this.checkpointPath);
  }

  /** Replaces the checkpoint atomically. */
  writeCheckpoint(bytes: Uint8Array): void {
    writeFileAtomic(this.checkpointPath, bytes);
  }

  /** Where an evidence file is stored. */
  evidencePath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new WorkbenchError('INTERNAL', `Not a SHA-256: ${sha256}`);
    return join(this.dir, EVIDENCE, sha256);
  }

  /** Stores an evidence file as collected, once; the name is its SHA-256, never the collected name. */
  storeEvidence(sha256: string, bytes: Uint8Array): void {
    const path = this.evidencePath(sha256);
    if (!existsSync(path)) writeFileAtomic(path, bytes);
  }

  /** Reads a stored evidence file. */
  readEvidence(sha256: string): Buffer {
    const path = this.evidencePath(sha256);
    if (!existsSync(path)) {
      throw new WorkbenchError('NOT_FOUND', `Evidence file ${sha256} is missing from the evidence store.`, {
        file: path,
        hint: 'The workspace folder was changed outside the app; restore the evidence folder from a backup.',
      });
    }
    return readFileSync(path);
  }
}
