// Writes a CloudTrail evidence set: N events over a span of days, as NDJSON files (one record a line, what log
// shippers produce) or as the Records files the CloudTrail bucket holds. Some principals can be given an exact
// number of events ("hot" identities), so that the bench knows it has a case of 100,000 or 10,000 signals.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, Weighted } from './prng';
import { makePrincipals, type Principal } from './identities';
import { ANY_ERRORS, CALLS } from './catalog';
import { cloudTrailRecord } from './cloudtrail-record';
import { planIncidents, type Planted, type ScriptedEvent } from './incidents';

/** What to generate. */
export interface TrailSpec {
  events: number;
  identities: number;
  seed: number;
  /** Exact event counts of the first principals (principal 0 gets hot[0] events, ...). */
  hot: number[];
  /** Events per file. */
  perFile: number;
  format: 'ndjson' | 'records';
  days: number;
  /** Plant the scripted incidents. */
  incidents: boolean;
}

/** What was written. */
export interface TrailResult {
  files: string[];
  events: number;
  bytes: number;
  planted: Planted;
  /** ARNs (or service names) of the hot principals, in the order of `hot`. */
  hot: string[];
}

const START = Date.UTC(2026, 0, 5, 0, 0, 0);
const ERROR_RATE = 0.025;

/** Writes the trail into `dir` and says what it wrote. */
export function writeTrail(spec: TrailSpec, dir: string): TrailResult {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(spec.seed);
  const principals = makePrincipals(rng, Math.max(spec.identities, spec.hot.length + 5));
  const hotCount = spec.hot.length;
  const hotTotal = spec.hot.reduce((a, b) => a + b, 0);
  if (hotTotal > spec.events) throw new Error(`hot identities want ${hotTotal} events, more than --events ${spec.events}`);
  const { incidents, planted } = spec.incidents ? planIncidents(rng, principals, hotCount) : { incidents: [], planted: { incidents: [], leakedKey: null, leakedUser: null, agentKey: null } };

  // Scripted events replace ordinary ones at fixed positions, so the total stays exactly N.
  const scripted = new Map<number, ScriptedEvent>();
  for (const incident of incidents) {
    const start = Math.floor(spec.events * incident.startFraction);
    incident.events.forEach((event, i) => {
      if (start + i < spec.events) scripted.set(start + i, event);
    });
  }

  const rest = principals.slice(hotCount);
  // A heavy-tailed share of activity: a few chatty workloads, a long tail of quiet ones.
  const chatter = new Weighted(rest.map((p, rank) => [p, 1 / Math.pow(rank + 1, 0.9)] as const));
  const firstAppearance = shuffled(rng, rest);
  const calls = new Weighted(CALLS.map((c) => [c, c.weight] as const));
  const hotDone = spec.hot.map(() => 0);
  let restIndex = 0;
  // Hot quotas are spread over the ordinary events only, so a scripted event never eats into them.
  const ordinary = spec.events - scripted.size;
  let ordinaryIndex = 0;
  const span = spec.days * 86_400_000;

  const files: string[] = [];
  let bytes = 0;
  let fd = -1;
  let inFile = 0;
  let buffer: string[] = [];
  const flush = (): void => {
    if (buffer.length === 0) return;
    const text = spec.format === 'ndjson' ? `${buffer.join('\n')}\n` : buffer.join(',\n');
    bytes += Buffer.byteLength(text);
    writeSync(fd, text);
    buffer = [];
  };
  const closeFile = (): void => {
    if (fd < 0) return;
    if (spec.format === 'records') {
      // Records files: the array's elements are joined with ",\n" across flushes.
      flush();
      writeSync(fd, ']}\n');
    } else flush();
    closeSync(fd);
    fd = -1;
  };

  for (let i = 0; i < spec.events; i++) {
    if (inFile === 0) {
      const name = `cloudtrail-${String(files.length).padStart(4, '0')}.${spec.format === 'ndjson' ? 'ndjson' : 'json'}`;
      const path = join(dir, name);
      fd = openSync(path, 'w');
      if (spec.format === 'records') writeSync(fd, '{"Records":[\n');
      files.push(path);
    }
    const time = new Date(START + Math.floor((i * span) / spec.events));
    const script = scripted.get(i);
    let json: string;
    if (script) {
      json = JSON.stringify(cloudTrailRecord(rng, script.who, script.call, time, script.dev.key ?? keyOf(rng, script.who, i / spec.events), script.dev));
    } else {
      const who = pickPrincipal(ordinaryIndex++);
      const call = calls.pick(rng);
      const error = rng.chance(ERROR_RATE) ? (call.errors.length > 0 && rng.chance(0.7) ? rng.pick(call.errors) : rng.pick(ANY_ERRORS)) : undefined;
      const region = rng.chance(0.92) ? who.region : rng.pick(['us-east-1', 'eu-west-1', 'us-west-2']);
      json = JSON.stringify(cloudTrailRecord(rng, who, call, time, keyOf(rng, who, i / spec.events), { error, region }));
    }
    if (spec.format === 'records' && inFile > 0 && buffer.length === 0) writeSync(fd, ',\n');
    buffer.push(json);
    inFile++;
    if (buffer.length >= 2000) flush();
    if (inFile >= spec.perFile) {
      closeFile();
      inFile = 0;
    }
  }
  closeFile();

  function pickPrincipal(i: number): Principal {
    // Hot principals get exactly their quota, spread evenly through time.
    if (hotTotal > 0 && Math.floor(((i + 1) * hotTotal) / ordinary) > Math.floor((i * hotTotal) / ordinary)) {
      let best = 0;
      let lag = -Infinity;
      const done = hotDone.reduce((a, b) => a + b, 0) + 1;
      for (let h = 0; h < hotCount; h++) {
        const behind = ((spec.hot[h] as number) * done) / hotTotal - (hotDone[h] as number);
        if (behind > lag) {
          lag = behind;
          best = h;
        }
      }
      hotDone[best] = (hotDone[best] as number) + 1;
      return principals[best] as Principal;
    }
    // Every other principal appears at least once, early; then activity follows the heavy tail.
    const k = restIndex++;
    if (k % 2 === 0 && k / 2 < firstAppearance.length) return firstAppearance[k / 2] as Principal;
    return chatter.pick(rng);
  }

  return { files, events: spec.events, bytes, planted, hot: principals.slice(0, hotCount).map((p) => p.roleArn || p.arn || p.service) };
}

function keyOf(rng: Rng, who: Principal, progress: number): string {
  if (who.kind === 'AssumedRole') return who.keys[Math.min(who.keys.length - 1, Math.floor(progress * who.keys.length))] as string;
  if (who.kind === 'IAMUser') return who.keys.length > 1 && rng.chance(0.2) ? (who.keys[1] as string) : (who.keys[0] as string);
  return '';
}

function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
