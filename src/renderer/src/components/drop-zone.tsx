// The whole window as a drop target: evidence files dropped anywhere are imported into the open workspace.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { api } from '../api';
import { WorkbenchError } from '../../../shared/errors';
import { reportError } from '../stores/error-store';
import { useImportStore } from '../stores/import-store';
import { useWorkspaceStore } from '../stores/workspace-store';

const carriesFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer.types).includes('Files');

/** Wraps the app; shows a hint while files are dragged over and imports them on drop. */
export function DropZone({ children }: { children: ReactNode }): ReactNode {
  const hasWorkspace = useWorkspaceStore((s) => s.info !== null);
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; counting them tells when the pointer really left the window.
  const depth = useRef(0);

  const onDragEnter = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setOver(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    // Without preventDefault the browser refuses the drop (or navigates to the file).
    if (!carriesFiles(event)) return;
    event.preventDefault();
    // Always accept: a refused drop would end silently, while accepting lets us say why nothing was imported.
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length === 0) return;
    if (!hasWorkspace) {
      reportError(new WorkbenchError('REFUSED', 'No workspace is open to import into.', { hint: 'Create or open a workspace first, then drop the evidence again.' }));
      return;
    }
    void (async () => {
      try {
        const paths = await api().pathsForFiles(files);
        if (paths.length > 0) await useImportStore.getState().ingestPaths(paths);
        else reportError(new WorkbenchError('BAD_INPUT', 'The dropped items could not be read as files.', { hint: 'Drop files or folders from your file manager, or use Import evidence….' }));
      } catch (err) {
        reportError(err);
      }
    })();
  };

  return (
    <div className="drop-zone" data-testid="drop-zone" onDragEnter={onDragEnter} onDragLeave={onDragLeave} onDragOver={onDragOver} onDrop={onDrop}>
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-message">{hasWorkspace ? 'Drop evidence files to import them' : 'Open or create a workspace first'}</div>
        </div>
      )}
    </div>
  );
}
