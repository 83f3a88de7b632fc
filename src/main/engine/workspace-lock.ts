// One process per workspace: a lock file naming the holder. A lock left by a crashed process is taken over.
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/errors';

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/** The lock of one workspace folder. */
export class WorkspaceLock {
  private readonly path: string;
  private held = false;

  constructor(dir: string) {
    this.path = join(dir, 'workspace.lock');
  }

  /** Takes the lock or refuses, naming the process that holds it. The folder must exist. */
  acquire(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx', 0o600);
        const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
        writeSync(fd, JSON.stringify(info));
        closeSync(fd);
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = this.holder();
        if ((holder && holder.host === hostname() && !alive(holder.pid)) || (!holder && this.ageMs() > 10_000)) {
          rmSync(this.path, { force: true }); // the holder crashed: its lock means nothing now
          continue;
        }
        throw new WorkbenchError('REFUSED', `This workspace is open in another process${holder ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.since})` : ''}.`, {
          file: this.path,
          hint: 'Close it there first. If that process is gone (for example on another machine that crashed), delete workspace.lock and try again.',
        });
      }
    }
    throw new WorkbenchError('REFUSED', 'This workspace is being opened by another process at the same moment.', { file: this.path, hint: 'Try again.' });
  }

  /** Gives the lock back (only if this process holds it). */
  release(): void {
    if (!this.held) return;
    this.held = false;
    const holder = this.holder();
    if (holder && holder.pid === process.pid && holder.host === hostname()) rmSync(this.path, { force: true });
  }

  private holder(): LockInfo | null {
    try {
      return existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8')) as LockInfo) : null;
    } catch {
      return null; // an unreadable lock: a crash between creating and writing it, or a writer this very moment
    }
  }

  private ageMs(): number {
    try {
      return Date.now() - statSync(this.path).mtimeMs;
    } catch {
      return 0;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
