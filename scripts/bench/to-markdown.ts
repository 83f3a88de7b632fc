// Turns a bench-results/<timestamp>.json into the Markdown table docs/benchmarks.md keeps:
// `npx tsx scripts/bench/to-markdown.ts bench-results/<file>.json [more.json]` (one value column per file).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Figure } from './lib/report';

interface Run {
  started: string;
  mode: string;
  machine: { cpus: number; cpu: string; node: string; loadAtStart?: number[] };
  figures: (Figure & { met: boolean | null })[];
}

function cell(f: (Figure & { met: boolean | null }) | undefined): string {
  if (!f) return '';
  if (f.value === null) return f.note ?? 'n/a';
  const v = (x: number): string => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(Math.abs(x) >= 10 ? 1 : 2));
  let text = `${v(f.value)} ${f.unit}`;
  if (f.p95 !== undefined) text += ` (p95 ${v(f.p95)})`;
  if (f.ratio !== undefined) text += `, ${f.ratio.toFixed(1)}x ref`;
  if (f.met !== null) text += `${f.met ? ' ✓' : ' ✗'}${f.reduced ? ' (reduced size)' : ''}`;
  return text;
}

/** The table for the given runs: one row per figure id, in the first run's order. */
export function toMarkdown(runs: Run[]): string {
  const header = `| figure | ${runs.map((r) => `${r.mode} run ${r.started.slice(0, 10)} (load ${r.machine.loadAtStart?.[0]?.toFixed(1) ?? '?'})`).join(' | ')} |`;
  const lines = [header, `|---|${runs.map(() => '---').join('|')}|`];
  const ids = [...new Set(runs.flatMap((r) => r.figures.map((f) => f.id)))];
  for (const id of ids) {
    const name = runs.map((r) => r.figures.find((f) => f.id === id)?.name).find((x) => x !== undefined) ?? id;
    lines.push(`| ${name.replace(/\|/g, '/')} | ${runs.map((r) => cell(r.figures.find((f) => f.id === id)).replace(/\|/g, '/')).join(' | ')} |`);
  }
  return lines.join('\n');
}

if (/to-markdown\.ts$/.test(process.argv[1] ?? '')) {
  const runs = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, 'utf8')) as Run);
  if (runs.length === 0) throw new Error(`usage: ${basename(process.argv[1] ?? 'to-markdown.ts')} <result.json>...`);
  process.stdout.write(`${toMarkdown(runs)}\n`);
}
