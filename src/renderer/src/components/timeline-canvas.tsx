// The timeline drawn on a canvas (text drawn by the canvas is never markup): one lane per source or action family,
// the wheel zooms around the pointer, a drag brushes a time range, and the arrow keys pan.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { buildLanes, extentOf, panDomain, tickLabel, ticks, zoomDomain, type Domain, type LaneMode } from '../lib/timeline-math';
import type { TimePoint } from '../stores/timeline-store';

const LABEL_W = 150;
const LANE_H = 28;
const AXIS_H = 26;
const COLOURS = { success: '#1d4ed8', failure: '#b42318', unknown: '#7b8794', picked: '#f59e0b', grid: '#eceff3', ink: '#1f2933', soft: '#52606d' };

interface Props {
  points: readonly TimePoint[];
  mode: LaneMode;
  picked: ReadonlySet<number>;
  /** A brushed range: [from, to] in epoch ms. */
  onBrush: (from: number, to: number) => void;
}

/** The timeline canvas. */
export function TimelineCanvas({ points, mode, picked, onBrush }: Props): ReactNode {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const lanes = useMemo(() => buildLanes(points, mode), [points, mode]);
  const bounds = useMemo(() => extentOf(points), [points]);
  const [domain, setDomain] = useState<Domain>(bounds);
  const [width, setWidth] = useState(800);
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null);
  const height = lanes.length * LANE_H + AXIS_H;
  const plotW = Math.max(50, width - LABEL_W - 12);

  useEffect(() => setDomain(bounds), [bounds]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (wrap === null) return;
    // The content box, without the padding, is what the canvas may fill.
    const measure = (): void => {
      const style = getComputedStyle(wrap);
      setWidth(Math.max(200, wrap.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(wrap);
    measure();
    return () => observer.disconnect();
  }, []);

  const xOf = (t: number): number => LABEL_W + ((t - domain.from) / (domain.to - domain.from)) * plotW;
  const tOf = (x: number): number => domain.from + ((x - LABEL_W) / plotW) * (domain.to - domain.from);

  // Draw.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';
    const x = (t: number): number => LABEL_W + ((t - domain.from) / (domain.to - domain.from)) * plotW;

    const axisTicks = ticks(domain, Math.max(2, Math.floor(plotW / 130)));
    ctx.strokeStyle = COLOURS.grid;
    for (const t of axisTicks) {
      ctx.beginPath();
      ctx.moveTo(x(t) + 0.5, 0);
      ctx.lineTo(x(t) + 0.5, height - AXIS_H);
      ctx.stroke();
    }
    lanes.forEach((lane, i) => {
      const top = i * LANE_H;
      ctx.fillStyle = i % 2 === 0 ? '#fbfcfd' : '#ffffff';
      ctx.fillRect(LABEL_W, top, plotW, LANE_H);
      ctx.fillStyle = COLOURS.ink;
      ctx.textBaseline = 'middle';
      const label = lane.key.length > 18 ? `${lane.key.slice(0, 17)}…` : lane.key;
      ctx.fillText(`${label} (${lane.points.length})`, 6, top + LANE_H / 2, LABEL_W - 10);
      for (const p of lane.points) {
        if (p.t < domain.from || p.t > domain.to) continue;
        const isPicked = picked.has(p.id);
        ctx.fillStyle = isPicked ? COLOURS.picked : COLOURS[p.outcome];
        ctx.fillRect(Math.round(x(p.t)) - 1, top + (isPicked ? 3 : 6), 3, LANE_H - (isPicked ? 6 : 12));
      }
    });
    ctx.fillStyle = COLOURS.soft;
    ctx.textBaseline = 'top';
    for (const t of axisTicks) ctx.fillText(tickLabel(t, domain), x(t) + 3, height - AXIS_H + 6);
    if (brush !== null) {
      const a = x(Math.min(brush.from, brush.to));
      const b = x(Math.max(brush.from, brush.to));
      ctx.fillStyle = 'rgba(29, 78, 216, 0.15)';
      ctx.fillRect(a, 0, Math.max(1, b - a), height - AXIS_H);
    }
  }, [lanes, domain, width, height, plotW, picked, brush]);

  // The wheel must be a non-passive listener to keep the page from scrolling while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const px = event.clientX - rect.left;
      setDomain((d) => {
        const at = d.from + ((px - LABEL_W) / plotW) * (d.to - d.from);
        if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
          const delta = (event.shiftKey ? event.deltaY : event.deltaX) / plotW;
          return panDomain(d, delta * (d.to - d.from), bounds);
        }
        return zoomDomain(d, Math.min(d.to, Math.max(d.from, at)), Math.exp(event.deltaY * 0.002), bounds);
      });
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [plotW, bounds]);

  const pointerT = (event: MouseEvent<HTMLCanvasElement>): number => {
    const rect = event.currentTarget.getBoundingClientRect();
    return tOf(Math.max(LABEL_W, Math.min(LABEL_W + plotW, event.clientX - rect.left)));
  };

  const onMouseDown = (event: MouseEvent<HTMLCanvasElement>): void => {
    if (event.button !== 0) return;
    const t = pointerT(event);
    setBrush({ from: t, to: t });
  };
  const onMouseMove = (event: MouseEvent<HTMLCanvasElement>): void => {
    if (brush !== null && event.buttons === 1) setBrush({ ...brush, to: pointerT(event) });
  };
  const onMouseUp = (): void => {
    if (brush === null) return;
    // A click without a drag is not a brush: a range of under 3 pixels would pick a point or two by accident.
    if (Math.abs(xOf(brush.to) - xOf(brush.from)) >= 3) onBrush(Math.min(brush.from, brush.to), Math.max(brush.from, brush.to));
    setBrush(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>): void => {
    const mid = (domain.from + domain.to) / 2;
    const span = domain.to - domain.from;
    if (event.key === '+' || event.key === '=') setDomain(zoomDomain(domain, mid, 0.5, bounds));
    else if (event.key === '-') setDomain(zoomDomain(domain, mid, 2, bounds));
    else if (event.key === 'ArrowLeft') setDomain(panDomain(domain, -span * 0.2, bounds));
    else if (event.key === 'ArrowRight') setDomain(panDomain(domain, span * 0.2, bounds));
    else if (event.key === '0') setDomain(bounds);
    else return;
    event.preventDefault();
  };

  return (
    <div className="timeline-wrap" ref={wrapRef}>
      <div className="timeline-range muted" data-testid="timeline-range">
        {new Date(domain.from).toISOString().replace('.000', '')} — {new Date(domain.to).toISOString().replace('.000', '')}{' '}
        <button type="button" className="link-button" onClick={() => setDomain(bounds)}>
          Show all
        </button>
      </div>
      <canvas
        ref={canvasRef}
        className="timeline-canvas"
        data-testid="timeline-canvas"
        data-lanes={lanes.length}
        data-points={points.length}
        style={{ width, height }}
        tabIndex={0}
        role="img"
        aria-label={`Timeline of ${points.length} signals in ${lanes.length} lanes. Wheel or plus and minus to zoom, arrows to pan, drag to select a time range.`}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        onMouseLeave={onMouseUp}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
