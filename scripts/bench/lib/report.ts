// How figures are printed and saved: one line each (name, value, unit, reference and ratio, target and whether
// it is met), and the whole run as JSON under bench-results/. Figures never fail the run: they are reported.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';

/** A reference measured in the same run on the same data. */
export interface Reference {
  name: string;
  value: number;
  unit: string;
}

/** One measured figure; `value` is null when it could not be measured, and `note` says why. */
export interface Figure {
  id: string;
  name: string;
  value: number | null;
  unit: string;
  note?: string;
  p95?: number;
  reference?: Reference;
  /** ours / reference, for times (lower is better). */
  ratio?: number;
  /** The target in words, and the number compared with it (value, p95 or ratio). */
  target?: { text: string; limit: number; on: 'value' | 'p95' | 'ratio'; atLeast?: boolean };
  /** Measured at a smaller size than the target names (quick runs): the comparison is indicative only. */
  reduced?: boolean;
  detail?: Record<string, string | number | boolean | null>;
}

/** Whether a figure meets its target (null when there is none or nothing was measured). */
export function targetMet(f: Figure): boolean | null {
  if (!f.target) return null;
  const x = f.target.on === 'ratio' ? f.ratio : f.target.on === 'p95' ? f.p95 : f.value;
  if (x === undefined || x === null || Number.isNaN(x)) return null;
  return f.target.atLeast ? x >= f.target.limit : x <= f.target.limit;
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(Math.abs(x) >= 1 ? 2 : 3);
}

/** The one printed line of a figure. */
export function formatFigure(f: Figure): string {
  const parts = [f.name.padEnd(70)];
  if (f.value === null) parts.push(f.note ?? 'n/a');
  else {
    parts.push(`${num(f.value)} ${f.unit}`);
    if (f.p95 !== undefined) parts.push(`(p95 ${num(f.p95)} ${f.unit})`);
    if (f.reference) parts.push(`| ref ${f.reference.name} ${num(f.reference.value)} ${f.reference.unit}`);
    if (f.ratio !== undefined) parts.push(`ratio ${f.ratio.toFixed(2)}x`);
    if (f.note) parts.push(`[${f.note}]`);
  }
  if (f.target) {
    const met = targetMet(f);
    parts.push(`| target ${f.target.text}: ${met === null ? '-' : met ? 'met' : 'NOT met'}${f.reduced && met !== null ? ' (reduced size)' : ''}`);
  }
  return parts.join(' ');
}

/** Collects figures, prints each as it arrives and writes the JSON at the end. */
export class Report {
  readonly figures: Figure[] = [];
  private readonly started = new Date();
  private readonly loadAtStart = loadavg();

  constructor(private readonly meta: Record<string, unknown>) {}

  /** Adds and prints one figure. */
  add(f: Figure): Figure {
    this.figures.push(f);
    process.stdout.write(`${formatFigure(f)}\n`);
    return f;
  }

  /** Adds a figure that cannot be measured, with the reason. */
  unavailable(id: string, name: string, unit: string, note: string, target?: Figure['target']): void {
    this.add({ id, name, value: null, unit, note, target });
  }

  /** Writes bench-results/<timestamp>.json and returns its path. */
  write(dir: string): string {
    mkdirSync(dir, { recursive: true });
    const stamp = this.started.toISOString().replace(/[:.]/g, '-');
    const path = join(dir, `${stamp}.json`);
    // The load average says whether something else competed for the two cores while this ran.
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAtStart: this.loadAtStart, loadAtEnd: loadavg() };
    const figures = this.figures.map((f) => ({ ...f, met: targetMet(f) }));
    const body = { started: this.started.toISOString(), finished: new Date().toISOString(), machine, ...this.meta, figures };
    writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
    return path;
  }
}
