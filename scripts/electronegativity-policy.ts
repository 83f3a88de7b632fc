// What `npm run lint:electron` accepts from Electronegativity: every HIGH or MEDIUM finding fails unless
// docs/electronegativity-accepted.json lists it (scan, check id, file) with the reason it is safe; LOW and
// INFORMATIONAL findings are shown and pass. A file Electronegativity could not parse fails too (it was not checked).

/** One finding, as scripts/electronegativity-run.cjs writes it. */
export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
}

/** A file Electronegativity could not read or parse. */
export interface ScanError {
  file: string;
  message: string;
  tolerable: boolean;
}

/** What one scan (of `src` or of `out`) produced. */
export interface ScanResult {
  scan: string;
  findings: Finding[];
  errors: ScanError[];
}

/** An accepted finding: which scan, which check, which file (relative to the scanned folder), and why it is safe. */
export interface Accepted {
  scan: string;
  id: string;
  file: string;
  reason: string;
}

/** The verdict on a set of scans. */
export interface Verdict {
  failures: string[];
  accepted: { finding: Finding; scan: string; reason: string }[];
  passed: { finding: Finding; scan: string }[];
  /** Accepted entries that matched nothing (the code changed: drop them). */
  unused: Accepted[];
}

const BLOCKING = new Set(['HIGH', 'MEDIUM']);

/** Reads the accepted list, refusing entries without a scan, id, file or a written reason. */
export function parseAccepted(json: unknown): Accepted[] {
  const list = (json as { accepted?: unknown } | null)?.accepted;
  if (!Array.isArray(list)) throw new Error('docs/electronegativity-accepted.json: expected {"accepted": [...]}');
  return list.map((entry: unknown, i) => {
    const e = entry as Partial<Record<keyof Accepted, unknown>>;
    for (const key of ['scan', 'id', 'file', 'reason'] as const) {
      if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') {
        throw new Error(`docs/electronegativity-accepted.json: entry ${i} needs a non-empty "${key}"`);
      }
    }
    if ((e.reason as string).trim().length < 20) throw new Error(`docs/electronegativity-accepted.json: entry ${i} (${String(e.id)}) needs a real reason`);
    return { scan: e.scan as string, id: e.id as string, file: e.file as string, reason: e.reason as string };
  });
}

const where = (scan: string, f: Finding): string => `${scan}/${f.file}:${f.line}:${f.column}`;

/** Judges the scans against the accepted list. */
export function judge(scans: readonly ScanResult[], acceptedList: readonly Accepted[]): Verdict {
  const verdict: Verdict = { failures: [], accepted: [], passed: [], unused: [] };
  const used = new Set<Accepted>();
  for (const { scan, findings, errors } of scans) {
    for (const error of errors) {
      if (!error.tolerable) verdict.failures.push(`${scan}/${error.file}: Electronegativity could not check this file: ${error.message}`);
    }
    for (const finding of findings) {
      if (!BLOCKING.has(finding.severity.toUpperCase())) {
        verdict.passed.push({ finding, scan });
        continue;
      }
      const match = acceptedList.find((a) => a.scan === scan && a.id === finding.id && a.file === finding.file);
      if (match) {
        used.add(match);
        verdict.accepted.push({ finding, scan, reason: match.reason });
      } else {
        verdict.failures.push(`${finding.id} (${finding.severity}) at ${where(scan, finding)}: ${finding.description} — \`${finding.sample}\``);
      }
    }
  }
  verdict.unused = acceptedList.filter((a) => !used.has(a));
  return verdict;
}
