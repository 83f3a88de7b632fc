// A coloured label for a case's severity; the word is always shown, so colour is never the only cue.
import type { ReactNode } from 'react';
import type { Severity } from '../../../shared/schemas';

/** The severity of a case as a badge. */
export function SeverityBadge({ severity }: { severity: Severity }): ReactNode {
  return <span className={`badge severity-${severity}`}>{severity}</span>;
}
