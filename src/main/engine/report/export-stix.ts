// The case as a STIX 2.1 bundle for threat-intelligence platforms: the anchor NHI as an identity (class "system"),
// its identifiers and source IPs as observables, indicators and sightings, tied together by relationships.
import { createHash, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { SignalRow } from '../../../shared/schemas';
import type { CaseFileInput } from './case-file-input';

type StixObject = Record<string, unknown> & { type: string; id: string };

// STIX 2.1 section 2.9: observables get deterministic UUIDv5 ids in this namespace, so two producers name the same
// IP address with the same id; everything else gets a random UUIDv4, as the spec recommends.
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
const MAX_COUNT = 999_999_999;

/** Builds the STIX 2.1 bundle of a case; `producer` names who exported it (the signer), or null. */
export function buildStixBundle(input: CaseFileInput, producer: string | null): { type: 'bundle'; id: string; objects: StixObject[] } {
  const now = stixTime(input.exportedAt) ?? new Date().toISOString();
  const common = (type: string): StixObject => ({ type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: now, modified: now });
  const objects: StixObject[] = [];
  const add = <T extends StixObject>(o: T): T => {
    objects.push(o);
    return o;
  };
  const c = input.case;
  const anchor = c.anchorIdentity;
  const creator = add({ ...common('identity'), name: producer ?? `${input.tool.name} ${input.tool.version}`, identity_class: producer ? 'individual' : 'system' });
  const by = { created_by_ref: creator.id };
  const nhi = add({
    ...common('identity'), ...by, name: anchor.label, identity_class: 'system',
    description: `Non-human identity (${anchor.kind})${anchor.owner ? `, owner ${anchor.owner}` : ''}, anchor of case ${c.id}: ${c.title}`,
    x_nhi_kind: anchor.kind,
    x_nhi_identifiers: anchor.identifiers.map((i) => ({ type: i.type, value: i.value })),
  });
  const range = timeRange(input.signals, now);
  const accounts = anchor.identifiers.map((i) => add(sco('user-account', { user_id: i.value, display_name: `${i.type}:${i.value}` }, ['user_id'])));
  const groups = groupByIp(input.signals);
  const observed: StixObject[] = [];
  for (const [ip, rows] of groups) {
    const version = ip === null ? 0 : isIP(ip);
    const ipObject = ip !== null && version !== 0 ? add(sco(`ipv${version}-addr`, { value: ip }, ['value'])) : null;
    const r = timeRange(rows, now);
    const refs = [...(ipObject ? [ipObject.id] : []), ...accounts.map((a) => a.id)];
    if (refs.length === 0) continue; // observed-data must point at something
    const od = add({
      ...common('observed-data'), ...by, first_observed: r.first, last_observed: r.last, number_observed: clampCount(rows),
      object_refs: refs,
    });
    observed.push(od);
    if (!ipObject || ip === null) continue;
    const indicator = add({
      ...common('indicator'), ...by, name: `Source address ${ip} used ${anchor.label}`, indicator_types: ['anomalous-activity'],
      description: `Seen in ${rows.length} signal(s) of case ${c.id}; an observation to check, not a verdict.`,
      pattern: `[${ipObject.type}:value = '${patternString(ip)}']`, pattern_type: 'stix', pattern_version: '2.1', valid_from: r.first,
    });
    add(sighting(common, by, indicator.id, [od.id], creator.id, r, clampCount(rows)));
    add(relationship(common, by, 'based-on', indicator.id, od.id));
    add(relationship(common, by, 'related-to', indicator.id, nhi.id));
  }
  anchor.identifiers.forEach((identifier) => {
    const indicator = add({
      ...common('indicator'), ...by, name: `${identifier.type} of ${anchor.label}`, indicator_types: ['compromised'],
      description: `Identifier of the non-human identity at the centre of case ${c.id}.`,
      pattern: `[user-account:user_id = '${patternString(identifier.value)}']`, pattern_type: 'stix', pattern_version: '2.1', valid_from: range.first,
    });
    add(relationship(common, by, 'related-to', indicator.id, nhi.id));
    if (observed.length > 0) add(sighting(common, by, indicator.id, observed.map((o) => o.id), creator.id, range, clampCount(input.signals)));
    for (const od of observed) add(relationship(common, by, 'based-on', indicator.id, od.id));
  });
  add({
    ...common('report'), ...by, name: c.title, report_types: ['threat-report'], published: now,
    description: `NHI Workbench case ${c.id} (${c.status}, ${c.severity}): ${input.signals.length} signals from ${range.first} to ${range.last}.`,
    object_refs: objects.filter((o) => o.id !== creator.id).map((o) => o.id),
  });
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}

function sco(type: string, props: Record<string, string>, idProps: string[]): StixObject {
  const contributing = Object.fromEntries(idProps.filter((k) => props[k] !== undefined).sort().map((k) => [k, props[k]]));
  return { type, spec_version: '2.1', id: `${type}--${uuidV5(SCO_NAMESPACE, JSON.stringify(contributing))}`, ...props };
}

function sighting(common: (t: string) => StixObject, by: object, of: string, observed: string[], where: string, r: { first: string; last: string }, count: number): StixObject {
  return { ...common('sighting'), ...by, sighting_of_ref: of, observed_data_refs: observed, where_sighted_refs: [where], first_seen: r.first, last_seen: r.last, count };
}

function relationship(common: (t: string) => StixObject, by: object, type: string, source: string, target: string): StixObject {
  return { ...common('relationship'), ...by, relationship_type: type, source_ref: source, target_ref: target };
}

/** RFC 4122 version 5 UUID (SHA-1, name-based), as STIX 2.1 requires for observable ids. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// STIX pattern string literals are single-quoted; backslash and quote are the two characters that must be escaped.
function patternString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

// STIX timestamps are RFC 3339 in UTC with a Z; signal times from logs are normalized, unparseable ones left out.
function stixTime(text: string): string | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function timeRange(rows: SignalRow[], fallback: string): { first: string; last: string } {
  const times = rows.map((r) => stixTime(r.time)).filter((t): t is string => t !== null).sort();
  return { first: times[0] ?? fallback, last: times[times.length - 1] ?? fallback };
}

function groupByIp(signals: SignalRow[]): Map<string | null, SignalRow[]> {
  const groups = new Map<string | null, SignalRow[]>();
  for (const s of signals) {
    const group = groups.get(s.sourceIp);
    if (group) group.push(s);
    else groups.set(s.sourceIp, [s]);
  }
  return new Map([...groups].sort(([a], [b]) => String(a).localeCompare(String(b))));
}

// number_observed must be at least 1 and count at most 999,999,999.
function clampCount(rows: SignalRow[]): number {
  return Math.min(MAX_COUNT, Math.max(1, rows.reduce((n, r) => n + Math.max(1, r.count), 0)));
}
