// Dragging picked signals between views: the drag carries only a marker; the ids stay in the signals store,
// so a drag of "all 100,000 signals" costs nothing until it is dropped.

/** The MIME type of a signals drag. */
export const SIGNALS_MIME = 'application/x-nhi-signals';

/** True when a drag carries picked signals (and not files, which the window-wide drop zone imports). */
export function carriesSignals(event: { dataTransfer: DataTransfer }): boolean {
  return Array.from(event.dataTransfer.types).includes(SIGNALS_MIME);
}
