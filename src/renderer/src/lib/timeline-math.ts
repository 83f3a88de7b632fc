// The arithmetic of the timeline, kept apart from drawing so it can be tested: lanes, zoom, ticks and brushing.
import type { TimePoint } from '../stores/timeline-store';

/** How signals are grouped into lanes. */
export type LaneMode = 'family' | 'source';

/** A time window in epoch milliseconds. */
export interface Domain {
  from: number;
  to: number;
}

/** One lane and its points, in time order. */
export interface Lane {
  key: string;
  points: TimePoint[];
}

/** The lane of a point: its source, or its action family (the service before the colon, e.g. `iam`, `s3`). */
export function laneKey(point: TimePoint, mode: LaneMode): string {
  if (mode === 'source') return point.source;
  const colon = point.action.indexOf(':');
  return colon > 0 ? point.action.slice(0, colon) : point.action || '(none)';
}

/** Points grouped into lanes, busiest lane first, at most `max` lanes (the rest share one "other" lane). */
export function buildLanes(points: readonly TimePoint[], mode: LaneMode, max = 12): Lane[] {
  const groups = new Map<string, TimePoint[]>();
  for (const p of points) {
    const key = laneKey(p, mode);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const lanes = [...groups.entries()].map(([key, pts]) => ({ key, points: pts })).sort((a, b) => b.points.length - a.points.length || a.key.localeCompare(b.key));
  if (lanes.length <= max) return lanes;
  const rest = lanes.slice(max - 1).flatMap((l) => l.points).sort((a, b) => a.t - b.t);
  return [...lanes.slice(0, max - 1), { key: `other (${lanes.length - max + 1})`, points: rest }];
}

/** The full extent of the points, padded so the first and last are not on the edge; a minute around a lone point. */
export function extentOf(points: readonly TimePoint[]): Domain {
  if (points.length === 0) {
    const now = Date.now();
    return { from: now - 3_600_000, to: now };
  }
  let from = Infinity;
  let to = -Infinity;
  for (const p of points) {
    if (p.t < from) from = p.t;
    if (p.t > to) to = p.t;
  }
  const pad = Math.max(30_000, (to - from) * 0.02);
  return { from: from - pad, to: to + pad };
}

// Closer than a second per screen is beyond what the evidence's timestamps resolve.
const MIN_SPAN = 1000;

/** The window zoomed by `factor` (<1 zooms in) around time `at`, kept inside `bounds`. */
export function zoomDomain(domain: Domain, at: number, factor: number, bounds: Domain): Domain {
  const span = Math.min(bounds.to - bounds.from, Math.max(MIN_SPAN, (domain.to - domain.from) * factor));
  const ratio = domain.to === domain.from ? 0.5 : (at - domain.from) / (domain.to - domain.from);
  return clampDomain({ from: at - span * ratio, to: at - span * ratio + span }, bounds);
}

/** The window moved by `delta` ms, kept inside `bounds`. */
export function panDomain(domain: Domain, delta: number, bounds: Domain): Domain {
  return clampDomain({ from: domain.from + delta, to: domain.to + delta }, bounds);
}

function clampDomain(d: Domain, bounds: Domain): Domain {
  const span = d.to - d.from;
  if (d.from < bounds.from) return { from: bounds.from, to: bounds.from + span };
  if (d.to > bounds.to) return { from: bounds.to - span, to: bounds.to };
  return d;
}

/** The ids of points with from <= t <= to (the brush), in time order. */
export function idsInRange(points: readonly TimePoint[], from: number, to: number, lane?: (p: TimePoint) => boolean): number[] {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  return points.filter((p) => p.t >= lo && p.t <= hi && (lane === undefined || lane(p))).map((p) => p.id);
}

const STEPS = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 30 * 86400, 91 * 86400, 365 * 86400].map((s) => s * 1000);

/** Round tick times for the axis, about `count` of them across the window. */
export function ticks(domain: Domain, count: number): number[] {
  const span = domain.to - domain.from;
  const step = STEPS.find((s) => span / s <= count) ?? STEPS[STEPS.length - 1] ?? 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(domain.from / step) * step; t <= domain.to; t += step) out.push(t);
  return out;
}

/** A tick label in UTC, as precise as the tick step needs. */
export function tickLabel(t: number, domain: Domain): string {
  const iso = new Date(t).toISOString();
  const span = domain.to - domain.from;
  if (span > 3 * 86_400_000) return iso.slice(0, 10);
  if (span > 600_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}Z`;
  return `${iso.slice(11, 19)}Z`;
}
