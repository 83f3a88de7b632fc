// Ingest progress for the UI's progress bar: bytes as stored, records, rejects and the current file, sent at most every
// ~100 ms however fast records arrive (a 2 GB file has millions), and at once when the phase changes.
import type { IngestProgress } from '../../../../shared/schemas';

const INTERVAL_MS = 100;

/** Tracks one import's progress and emits it, throttled. */
export class ProgressReporter {
  private readonly state: IngestProgress;
  private last = Number.NEGATIVE_INFINITY;
  private fileStart = 0;
  private fileSize = 0;

  constructor(
    private readonly emit: (progress: IngestProgress) => void,
    fileCount: number,
    bytesTotal: number,
  ) {
    this.state = { phase: 'reading', file: '', fileIndex: 0, fileCount, bytesDone: 0, bytesTotal, records: 0, rejected: 0 };
  }

  /** A new file: hashing it and looking at its start come first. */
  startFile(name: string, fileIndex: number, size: number): void {
    Object.assign(this.state, { phase: 'reading', file: name, fileIndex });
    this.fileStart = this.state.bytesDone;
    this.fileSize = size;
    this.maybeEmit();
  }

  /** The current file's records are being read. */
  parsing(): void {
    this.state.phase = 'parsing';
    this.maybeEmit();
  }

  /** Stored bytes of the current file read by the parser (capped at its size: some parsers read twice). */
  readonly bytes = (bytes: number): void => {
    this.state.bytesDone = Math.min(this.state.bytesDone + bytes, this.fileStart + this.fileSize);
    this.maybeEmit();
  };

  /** One more record read. */
  readonly record = (): void => {
    this.state.records += 1;
    if ((this.state.records & 63) === 0) this.maybeEmit();
  };

  /** Rejected records or files: a malformed record skipped, a file refused or skipped. */
  readonly reject = (count = 1): void => {
    if (count <= 0) return;
    this.state.rejected += count;
    this.maybeEmit();
  };

  /** How many were rejected so far. */
  get rejected(): number {
    return this.state.rejected;
  }

  /** The current file is done (imported or skipped): all its bytes count. */
  endFile(): void {
    this.state.bytesDone = this.fileStart + this.fileSize;
  }

  /** A phase of the whole import (resolving, storing, done): sent at once. */
  phase(phase: IngestProgress['phase']): void {
    this.state.phase = phase;
    if (phase === 'done') this.state.bytesDone = this.state.bytesTotal;
    this.send();
  }

  private maybeEmit(): void {
    if (performance.now() - this.last >= INTERVAL_MS) this.send();
  }

  private send(): void {
    this.last = performance.now();
    this.emit({ ...this.state });
  }
}
