// The signals of a case as CSV (RFC 4180), for spreadsheets: one row per signal with its reason and evidence pointer.
import type { SignalRow } from '../../../shared/schemas';
import type { CaseFileInput } from './case-file-input';

const HEADER = [
  'signal_id', 'time', 'source', 'action', 'outcome', 'error_code', 'actor', 'target', 'source_ip', 'region', 'user_agent',
  'count', 'summary', 'reason', 'evidence_sha256', 'evidence_file', 'evidence_record', 'evidence_line',
];

/** Renders the case's signals as RFC 4180 CSV: CRLF line ends, a header row, fields quoted when they need it. */
export function renderSignalsCsv(input: CaseFileInput): string {
  const names = new Map(input.custody.map((c) => [c.sha256, c.name]));
  const rows = [...input.signals].sort(byTime).map((s) => [
    s.id, s.time, s.source, s.action, s.outcome, s.errorCode, s.actor, s.target, s.sourceIp, s.region, s.userAgent,
    s.count, s.summary, s.reason, s.evidence.sha256, names.get(s.evidence.sha256) ?? s.evidence.name, s.evidence.recordIndex, s.evidence.line,
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One CSV field: text that a spreadsheet would run as a formula gets a leading quote mark, then RFC 4180 quoting. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // Numbers are ours (ids, counts, indexes); only text can carry an attacker's formula.
  let text = typeof value === 'number' ? String(value) : neutralizeFormula(value);
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

// OWASP's CSV injection advice: cells starting with = + - @ (or tab / carriage return, which some spreadsheets strip
// before looking) are formulas to Excel, LibreOffice and Google Sheets; a leading ' makes them plain text.
function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function byTime(a: SignalRow, b: SignalRow): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : a.id - b.id;
}
