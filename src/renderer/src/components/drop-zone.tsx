// The whole window as a drop target: evidence files dropped anywhere are imported into the open workspace, and a
// dropped `.nhicase` case file opens in reviewer mode instead (with or without a workspace).
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { api } from '../api';
import { WorkbenchError } from '../../../shared/errors';
import { reportError } from '../stores/error-store';
import { useImportStore } from '../stores/import-store';
import { isCaseFileName, useReviewStore } from '../stores/review-store';
import { useWorkspaceStore } from '../stores/workspace-store';

const carriesFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer.types).includes('Files');

// A case file is reviewed on its own: mixed with evidence, neither the review nor the import would be what was meant.
function openCaseFile(files: File[]): void {
  const [file] = files;
  if (files.length > 1 || file === undefined) {
    reportError(new WorkbenchError('REFUSED', 'Drop one case file at a time to review it.', { hint: 'Evidence files are imported when dropped on their own.' }));
    return;
  }
  void useReviewStore.getState().openDropped(file);
}

/** Wraps the app; shows a hint while files are dragged over, and imports them (or reviews a case file) on drop. */
export function DropZone({ children }: { children: ReactNode }): ReactNode {
  const hasWorkspace = useWorkspaceStore((s) => s.info !== null);
  const reviewing = useReviewStore((s) => s.view !== null);
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
    if (files.some((f) => isCaseFileName(f.name))) {
      openCaseFile(files);
      return;
    }
    if (reviewing) {
      reportError(new WorkbenchError('REFUSED', 'Evidence is not imported while a case file is open for review.', { hint: 'Close the case file, then drop the evidence again.' }));
      return;
    }
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
          <div className="drop-message">
            {hasWorkspace && !reviewing ? 'Drop evidence files to import them, or a .nhicase file to review it' : 'Drop a .nhicase case file to review it'}
          </div>
        </div>
      )}
    </div>
  );
}
