// The sizes of a run: the full run measures at the sizes the targets name; --quick measures the same figures on
// smaller workspaces (under two minutes on the 2-core reference machine) and marks the comparisons as indicative.
import { parseArgs } from 'node:util';

/** Everything a bench run is told. */
export interface BenchConfig {
  quick: boolean;
  seed: number;
  /** The main trail: ingest, open, actions, signal pages, search, export, scrolling. */
  events: number;
  identities: number;
  /** Exact sizes of the two largest cases: the signal-page case and the export case. */
  hot: [number, number];
  /** The many-cases workspace for the case queue. */
  queueCases: number;
  queueEvents: number;
  /** The workspace whose queue the UI paints first (the queue workspace when the sizes agree). */
  uiCases: number;
  runs: { open: number; actions: number; pages: number; export: number; ui: number };
  scrollFrames: number;
  ui: boolean;
  build: boolean;
  keep: boolean;
  dataDir: string;
}

/** Reads the command line (`npm run bench -- --quick --events N --identities N --seed S --no-ui --build --keep`). */
export function readConfig(argv: string[]): BenchConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      events: { type: 'string' },
      identities: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'queue-cases': { type: 'string' },
      'no-ui': { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      data: { type: 'string', default: 'bench-results/data' },
    },
  });
  const quick = values.quick ?? false;
  const events = Number(values.events ?? (quick ? 50_000 : 1_000_000));
  const hot: [number, number] = quick ? [20_000, 10_000] : [100_000, 10_000];
  // Hot cases never take more than 60% of the trail, so small custom runs still have a long tail of identities.
  const scale = Math.min(1, (events * 0.6) / (hot[0] + hot[1]));
  const queueCases = Number(values['queue-cases'] ?? (quick ? 5_000 : 50_000));
  return {
    quick,
    seed: Number(values.seed),
    events,
    identities: Number(values.identities ?? 2_000),
    hot: [Math.floor(hot[0] * scale), Math.floor(hot[1] * scale)],
    queueCases,
    queueEvents: queueCases * 2,
    uiCases: quick ? queueCases : 10_000,
    runs: quick ? { open: 3, actions: 20, pages: 7, export: 1, ui: 2 } : { open: 3, actions: 30, pages: 20, export: 3, ui: 3 },
    scrollFrames: quick ? 120 : 300,
    ui: !(values['no-ui'] ?? false),
    build: values.build ?? false,
    keep: values.keep ?? false,
    dataDir: values.data ?? 'bench-results/data',
  };
}
