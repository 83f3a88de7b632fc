// A child process for the crash test: opens a workspace and adds notes forever, printing "ack <seq> <n>" only
// after each action returned (that is, after it was journaled and fsynced). The test kills it with SIGKILL.
import { inProcessEngine } from '../../src/main/engine/engine-client';

async function main(): Promise<void> {
  const [dir, caseId, every] = process.argv.slice(2);
  if (!dir || !caseId) throw new Error('usage: action-loop <workspace> <case-id> [checkpointEvery]');
  const engine = inProcessEngine({ user: 'crash-test', checkpointEvery: Number(every ?? 5) });
  await engine.call('open', { path: dir, create: false });
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    const result = await engine.call(n % 7 === 6 ? 'undo' : 'addNote', n % 7 === 6 ? {} : { id: caseId, text: `note ${n}` });
    process.stdout.write(`ack ${result?.action.seq ?? 0} ${result?.action.type ?? 'none'}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
