// `cases`, `show`, `identities`: reading a workspace.
import { WorkbenchError } from '../../../shared/errors';
import type { CaseSummary, SignalRow } from '../../../shared/schemas';
import type { EngineClient } from '../../engine/engine-client';
import { EXIT_OK } from '../exit-codes';
import { print, requireWorkspace, safeText, type CliOptions, type CliOutput } from '../cli-common';

/** Lists every case. */
export async function cases(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const items: CaseSummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.call('listCases', { offset, limit: 1000 });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  print(io, options, items, () =>
    items.map((c) => `${c.id}  ${c.severity.padEnd(8)}  ${String(c.signals).padStart(6)} signals  ${safeText(c.anchor.label)} (${c.anchor.kind})  ${c.firstSeen ?? ''} .. ${c.lastSeen ?? ''}`).join('\n') || 'No cases.',
  );
  return EXIT_OK;
}

/** One case with all its signals and reasons. */
export async function show(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const id = options.positionals[0];
  if (!id) throw new WorkbenchError('USAGE', 'show needs a case id: nhi-workbench show <case-id> --workspace <dir>');
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const detail = await engine.call('getCase', { id });
  const signals: SignalRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.call('caseSignals', { id, offset, limit: 1000 });
    signals.push(...page.items);
    if (signals.length >= page.total || page.items.length === 0) break;
  }
  print(io, options, { ...detail, signals }, () =>
    [
      `${detail.id}  ${detail.title}  [${detail.severity}, ${detail.status}]`,
      `anchor: ${detail.anchor.label} (${detail.anchor.kind}) ${detail.anchor.id}`,
      ...detail.anchorIdentity.identifiers.map((i) => `  ${i.type}: ${i.value}`),
      `${signals.length} signals, ${detail.failures} failures, from ${detail.sourceIps.join(', ') || 'no IPs'}`,
      ...signals.map((s) => `${s.time}  ${safeText(s.action)}  ${s.outcome}${s.errorCode ? ` (${safeText(s.errorCode)})` : ''}  ${safeText(s.sourceIp ?? '')}  — ${safeText(s.reason)}`),
    ].join('\n'),
  );
  return EXIT_OK;
}

/** Identities with their identifiers. */
export async function identities(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const list = await engine.call('listIdentities', {});
  print(io, options, list, () => list.map((i) => `${i.id}  ${i.label} (${i.kind})\n${i.identifiers.map((x) => `  ${x.type}: ${x.value}`).join('\n')}`).join('\n'));
  return EXIT_OK;
}
