// The action journal: every acknowledged action, one JSON line each, fsynced before the action is answered.
// Opening a workspace replays the lines after the checkpoint; a torn last line (a crash mid-write) is ignored.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry } from './audit-chain';

/** What reading the journal found. */
export interface JournalContents {
  entries: AuditEntry[];
  /** A line that could not be read (only ever the last, after a crash), described for the user. */
  torn: string | null;
}

/** The journal file of one workspace. */
export class Journal {
  readonly path: string;
  private fd: number | null = null;
  private lines = 0;

  constructor(dir: string) {
    this.path = join(dir, 'journal.ndjson');
  }

  /** How many actions were journaled since the last checkpoint. */
  get length(): number {
    return this.lines;
  }

  /** Reads every entry; a line that does not parse ends the journal (it can only be a torn last write). */
  read(): JournalContents {
    if (!existsSync(this.path)) return { entries: [], torn: null };
    const text = readFileSync(this.path, 'utf8');
    const entries: AuditEntry[] = [];
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        const rest = lines.slice(i + 1).filter((l) => l !== '').length;
        return { entries, torn: `journal line ${i + 1} is incomplete (${line.length} bytes)${rest ? ` and ${rest} lines after it were not read` : ''}; it was never acknowledged and is ignored` };
      }
    }
    this.lines = entries.length;
    return { entries, torn: null };
  }

  /** Appends one entry and fsyncs; on failure the file is cut back so no partial line remains. */
  append(entry: AuditEntry): void {
    const fd = this.open();
    const size = fstatSync(fd).size;
    const data = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset, size + offset);
      fsyncSync(fd);
    } catch (err) {
      try {
        ftruncateSync(fd, size);
      } catch {
        // the write failed and so does the repair: the torn line is ignored on the next open
      }
      throw err;
    }
    this.lines++;
  }

  /** Empties the journal after a checkpoint has made its entries durable. */
  reset(): void {
    const fd = this.open();
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    this.lines = 0;
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    this.fd ??= openSync(this.path, 'a+', 0o600);
    return this.fd;
  }
}
