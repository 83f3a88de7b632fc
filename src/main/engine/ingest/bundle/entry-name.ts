// Names inside a bundle (zip entries, manifest paths) are labels for people and keys for the manifest. They are
// never joined to a folder, but a name that tries to leave the bundle is a sign of a hostile archive, so it is refused.
import { WorkbenchError } from '../../../../shared/errors';
import { MAX_NAME_CHARS } from './limits';

/** Why a bundle-relative name is unacceptable, or null when it is a plain relative path. */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAME_CHARS) return `is longer than ${MAX_NAME_CHARS} characters`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  if (name.includes('\\')) return 'uses backslashes, which some tools read as folder separators';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  if (segments.includes('..')) return 'climbs out of the bundle with ".."';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." path segment';
  return null;
}

/** Refuses a zip whose entry name is unsafe, naming the zip and the entry. */
export function checkEntryName(name: string, display: string): void {
  const problem = entryNameProblem(name);
  if (problem === null) return;
  throw new WorkbenchError('BAD_INPUT', `${display} holds an entry named ${JSON.stringify(name)}, which ${problem}; nothing was imported.`, {
    file: display,
    record: `entry ${JSON.stringify(name)}`,
    hint: 'Archives made by collection tools use plain relative names; this one may be crafted to write outside a folder. Build the bundle again from the evidence files.',
  });
}
