// Runs in its own process (`node --import tsx`) so that the OS can report its peak memory: creates a workspace,
// ingests the given files through the engine contract, and prints one JSON line with what it measured.
// Usage: node --import tsx scripts/bench/children/ingest-child.ts <workspace> <file>...
import { inProcessEngine } from '../../../src/main/engine/engine-client';

/** What the parent reads from stdout. */
export interface IngestChildResult {
  seconds: number;
  signals: number;
  identities: number;
  cases: number;
  rejected: number;
  errors: string[];
}

async function main(): Promise<void> {
  const [workspace, ...files] = process.argv.slice(2);
  if (!workspace || files.length === 0) throw new Error('usage: ingest-child <workspace> <file>...');
  const engine = inProcessEngine({ user: 'bench@localhost' });
  try {
    await engine.call('open', { path: workspace, create: true, initialize: true });
    const started = performance.now();
    const result = await engine.call('ingest', { paths: files });
    const seconds = (performance.now() - started) / 1000;
    const out: IngestChildResult = {
      seconds,
      signals: result.signals,
      identities: result.identities,
      cases: result.cases,
      rejected: result.files.reduce((n, f) => n + f.rejected, 0),
      errors: result.files.flatMap((f) => (f.error ? [`${f.path}: ${f.error}`] : [])),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await engine.dispose();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
