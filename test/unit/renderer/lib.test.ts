// The renderer's pure helpers: multi-selection gestures, fuzzy matching, the timeline's arithmetic, shortcuts.
import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../src/renderer/src/lib/fuzzy';
import { applyClick, clickMode, emptySelection } from '../../../src/renderer/src/lib/selection';
import { buildLanes, extentOf, idsInRange, laneKey, panDomain, ticks, zoomDomain } from '../../../src/renderer/src/lib/timeline-math';
import { shortcutOf } from '../../../src/renderer/src/shortcuts';
import type { TimePoint } from '../../../src/renderer/src/stores/timeline-store';

const keyAt = (i: number): string | undefined => (i < 10 ? `k${i}` : undefined);

describe('selection', () => {
  it('a plain click picks one row, Ctrl toggles, Shift picks the range from the last click', () => {
    let s = applyClick(emptySelection<string>(), 2, 'replace', keyAt);
    expect([...s.keys]).toEqual(['k2']);
    s = applyClick(s, 5, 'toggle', keyAt);
    expect([...s.keys].sort()).toEqual(['k2', 'k5']);
    s = applyClick(s, 2, 'toggle', keyAt);
    expect([...s.keys]).toEqual(['k5']);
    // Ctrl-click moves the anchor even when it unpicks, as file managers do: the range runs from row 2.
    s = applyClick(s, 8, 'range', keyAt);
    expect([...s.keys]).toEqual(['k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    // A second Shift-click pivots around the same anchor.
    s = applyClick(s, 0, 'range', keyAt);
    expect([...s.keys]).toEqual(['k0', 'k1', 'k2']);
  });

  it('a range over rows not loaded yet takes only the loaded ones; a click on an unloaded row changes nothing', () => {
    const s = applyClick(applyClick(emptySelection<string>(), 8, 'replace', keyAt), 12, 'range', keyAt);
    expect(s).toEqual(applyClick(emptySelection<string>(), 8, 'replace', keyAt));
    const r = applyClick({ keys: new Set(['k8']), anchor: 8 }, 9, 'range', keyAt);
    expect([...r.keys]).toEqual(['k8', 'k9']);
  });

  it('reads the gesture from the modifiers, Cmd counting as Ctrl', () => {
    expect(clickMode({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('replace');
    expect(clickMode({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle');
    expect(clickMode({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('range');
  });
});

describe('fuzzy', () => {
  it('matches letters in order and ranks word starts first', () => {
    expect(fuzzyScore('mrg', 'Merge 2 cases')).not.toBeNull();
    expect(fuzzyScore('xyz', 'Merge 2 cases')).toBeNull();
    const labels = ['Show Timeline', 'Set status: triage', 'Split 3 selected signals into a new case…'];
    expect(fuzzyFilter(labels, 'split', (l) => l)[0]).toBe('Split 3 selected signals into a new case…');
    expect(fuzzyFilter(labels, 'st', (l) => l)).toHaveLength(3);
    expect(fuzzyFilter(labels, '', (l) => l)).toEqual(labels);
  });
});

describe('timeline arithmetic', () => {
  const at = (id: number, t: number, action: string): TimePoint => ({ id, t, source: 'aws.cloudtrail', action, outcome: 'success' });
  const points = [at(1, 1000, 'ssm:A'), at(2, 2000, 'sts:B'), at(3, 3000, 'ssm:C'), at(4, 60_000, 'ec2:D')];

  it('groups points into lanes by action family or source, busiest first', () => {
    expect(laneKey(points[1]!, 'family')).toBe('sts');
    const lanes = buildLanes(points, 'family');
    expect(lanes.map((l) => l.key)).toEqual(['ssm', 'ec2', 'sts']);
    expect(buildLanes(points, 'source').map((l) => l.points.length)).toEqual([4]);
    expect(buildLanes(points, 'family', 2).map((l) => l.key)).toEqual(['ssm', 'other (2)']);
  });

  it('brushing a range picks the signals inside it, whichever way it was dragged', () => {
    expect(idsInRange(points, 1500, 3000)).toEqual([2, 3]);
    expect(idsInRange(points, 3000, 1500)).toEqual([2, 3]);
  });

  it('zooms around the pointer and pans without leaving the data', () => {
    const bounds = extentOf(points);
    expect(bounds.from).toBeLessThan(1000);
    expect(bounds.to).toBeGreaterThan(60_000);
    const zoomed = zoomDomain(bounds, 2000, 0.5, bounds);
    expect(zoomed.to - zoomed.from).toBeCloseTo((bounds.to - bounds.from) / 2);
    expect(zoomed.from).toBeLessThan(2000);
    expect(zoomed.to).toBeGreaterThan(2000);
    const panned = panDomain(zoomed, -1e9, bounds);
    expect(panned.from).toBe(bounds.from);
    // Zooming out never goes past everything.
    expect(zoomDomain(bounds, 2000, 10, bounds)).toEqual(bounds);
    expect(ticks({ from: 0, to: 3_600_000 }, 6).length).toBeGreaterThanOrEqual(2);
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  it('maps Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y and Ctrl/Cmd+K', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutOf(key('k', { metaKey: true }))).toBe('palette');
    expect(shortcutOf(key('z'))).toBeNull();
    expect(shortcutOf(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});
