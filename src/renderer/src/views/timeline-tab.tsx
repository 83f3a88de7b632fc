// The Timeline tab: the case's signals in time; brushing a range picks those signals in the Signals table.
import { useEffect, useState, type ReactNode } from 'react';
import { TimelineCanvas } from '../components/timeline-canvas';
import { formatCount } from '../format';
import { idsInRange, type LaneMode } from '../lib/timeline-math';
import { useCaseViewStore } from '../stores/case-view-store';
import { useSignalsStore } from '../stores/signals-store';
import { TIMELINE_LIMIT, useTimelineStore } from '../stores/timeline-store';

/** The Timeline tab. */
export function TimelineTab(): ReactNode {
  const { caseId, status, points, total, error, load } = useTimelineStore();
  const picked = useSignalsStore((s) => s.selection.keys);
  const setSelectedIds = useSignalsStore((s) => s.setSelectedIds);
  const setTab = useCaseViewStore((s) => s.setTab);
  const [mode, setMode] = useState<LaneMode>('family');
  const [brushed, setBrushed] = useState<number | null>(null);

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load, caseId]);

  const onBrush = (from: number, to: number): void => {
    const ids = idsInRange(points, from, to);
    setSelectedIds(ids);
    setBrushed(ids.length);
  };

  return (
    <div className="timeline-tab" data-testid="timeline">
      <div className="toolbar">
        <label>
          Lanes{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value === 'source' ? 'source' : 'family')} data-testid="timeline-lanes">
            <option value="family">by action family</option>
            <option value="source">by source</option>
          </select>
        </label>
        <span className="muted">Drag across the lanes to pick the signals of a time range; the wheel zooms.</span>
        <div className="toolbar-spacer" />
        {brushed !== null && (
          <span data-testid="timeline-brushed">
            {formatCount(brushed)} signal{brushed === 1 ? '' : 's'} picked{' '}
            <button type="button" className="link-button" onClick={() => setTab('signals')}>
              Show in the table
            </button>
          </span>
        )}
      </div>
      {status === 'loading' && <p className="muted">Loading the signals…</p>}
      {status === 'failed' && <p className="muted">The timeline could not be read: {error?.message}</p>}
      {status === 'ready' && total > points.length && (
        <p className="muted">
          Showing the first {formatCount(Math.min(TIMELINE_LIMIT, points.length))} of {formatCount(total)} signals.
        </p>
      )}
      {status === 'ready' && points.length === 0 && <p className="muted">No signal of this case has a readable time.</p>}
      {status === 'ready' && points.length > 0 && <TimelineCanvas points={points} mode={mode} picked={picked} onBrush={onBrush} />}
    </div>
  );
}
