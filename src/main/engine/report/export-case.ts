// Gathering one case and everything it cites into a signed case file; key generation; verification by path.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { WorkbenchError } from '../../../shared/errors';
import type { ExportResult, SignerInfo, VerifyResult } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { WorkspaceFiles } from '../workspace-files';
import { writeFileAtomic } from '../db/atomic-write';
import { appendAudit, auditEntriesOfCase, lastAuditEntry } from '../cases/audit-log';
import { caseSignals, getCase } from '../queries/case-queries';
import { caseGraph } from '../queries/case-graph';
import { parserById } from '../ingest/registry';
import { redactRecord } from '../ingest/redact';
import { textSource } from '../ingest/evidence-source';
import type { CaseFileInput, CustodyRecord, EvidenceRecord, IdentityLinkEvidence } from './case-file-input';
import { buildCaseFile, writeCaseFile } from './case-file';
import { generateSigningKey, parseSigningKey } from './ssh-key';
import { verifyCaseFile } from './verify';

const TOOL = { name: 'nhi-workbench', version: '0.1.0' };

/** Exports one case as a signed `.nhicase` (or a folder), records the export in the audit chain, and returns where it went. */
export function exportCase(db: Db, files: WorkspaceFiles, args: { id: string; outPath: string; keyPath: string }, now: Date): ExportResult {
  const key = loadKey(args.keyPath);
  const input = gatherCase(db, files, args.id, now);
  const members = buildCaseFile(input, key);
  const written = writeCaseFile(members, args.outPath);
  const sha256 = written.sha256;
  appendAudit(db, {
    type: 'case.exported',
    at: now.toISOString(),
    actor: key.name,
    caseIds: [args.id],
    payload: { sha256, signer: key.name, fingerprint: key.fingerprint, chainHead: input.audit.head },
  });
  return { path: written.path, sha256, signer: key.name, fingerprint: key.fingerprint, bytes: written.bytes };
}

/** Collects the case, its signals, links, custody, redacted records, audit entries and graph. */
export function gatherCase(db: Db, files: WorkspaceFiles, caseId: string, now: Date): CaseFileInput {
  const detail = getCase(db, caseId);
  const signals = caseSignals(db, caseId, 0, Number.MAX_SAFE_INTEGER).items;
  const links = db.all<{ a: string; b: string; reason: string; sha256: string | null; record_index: number | null }>(
    `SELECT ia.type || ':' || ia.value AS a, ib.type || ':' || ib.value AS b, l.reason, s.file_sha256 AS sha256, s.record_index
       FROM links l
       JOIN identity_members m ON m.identifier_id = l.a AND m.identity_id = ?
       JOIN identifiers ia ON ia.id = l.a JOIN identifiers ib ON ib.id = l.b
       LEFT JOIN signals s ON s.id = l.signal_id
      ORDER BY a, b`,
    [detail.anchor.id],
  );
  const linkEvidence: IdentityLinkEvidence[] = links.map((l) => ({
    a: l.a,
    b: l.b,
    reason: l.reason,
    evidence: l.sha256 !== null && l.record_index !== null ? { sha256: l.sha256, recordIndex: l.record_index } : null,
  }));
  const cited = new Map<string, Set<number>>();
  for (const s of signals) {
    const set = cited.get(s.evidence.sha256) ?? new Set<number>();
    set.add(s.evidence.recordIndex);
    cited.set(s.evidence.sha256, set);
  }
  // Custody covers every file the case cites: the signals' records and the records that showed each link.
  const custodyFiles = new Set([...cited.keys(), ...linkEvidence.flatMap((l) => (l.evidence ? [l.evidence.sha256] : []))]);
  const custody = db.all<{ sha256: string; name: string; size: number; format: string; imported_at: string; imported_by: string }>(
    `SELECT sha256, name, size, format, imported_at, imported_by FROM evidence_files WHERE sha256 IN (${[...custodyFiles].map(() => '?').join(',') || "''"}) ORDER BY name`,
    [...custodyFiles],
  );
  const custodyRecords: CustodyRecord[] = custody.map((c) => ({ sha256: c.sha256, name: c.name, size: c.size, format: c.format, importedAt: c.imported_at, importedBy: c.imported_by }));
  const records = new Map<string, EvidenceRecord[]>();
  for (const c of custodyRecords) {
    const wanted = cited.get(c.sha256);
    if (wanted) records.set(c.sha256, readRecords(files, c, wanted));
  }
  const head = lastAuditEntry(db);
  return {
    case: detail,
    links: linkEvidence,
    signals,
    custody: custodyRecords,
    records,
    audit: { entries: auditEntriesOfCase(db, caseId), head: head?.hash ?? '', headSeq: head?.seq ?? 0 },
    graph: caseGraph(db, caseId),
    exportedAt: now.toISOString(),
    tool: TOOL,
  };
}

/** Re-reads the cited records from the evidence store (as collected) and redacts them. */
function readRecords(files: WorkspaceFiles, custody: CustodyRecord, wanted: Set<number>): EvidenceRecord[] {
  const parser = parserById(custody.format);
  if (!parser) throw new WorkbenchError('INTERNAL', `No parser for stored format ${custody.format}.`);
  let bytes: Buffer = files.readEvidence(custody.sha256);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== custody.sha256) {
    throw new WorkbenchError('REFUSED', `Evidence file ${custody.name} in the evidence store no longer matches its recorded SHA-256.`, {
      file: files.evidencePath(custody.sha256),
      hint: 'The evidence store was changed after import. Restore it from a backup before exporting.',
    });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const out: EvidenceRecord[] = [];
  for (const record of parser.records(textSource(custody.name, bytes.toString('utf8').replace(/^\uFEFF/, '')))) {
    if (wanted.has(record.index)) out.push({ recordIndex: record.index, line: record.line, value: redactRecord(record.value) });
  }
  return out;
}

function loadKey(keyPath: string): ReturnType<typeof parseSigningKey> {
  if (!existsSync(keyPath)) {
    throw new WorkbenchError('NOT_FOUND', `No signing key at ${keyPath}.`, { file: keyPath, hint: 'Create one with `nhi-workbench keygen --out <path>`.' });
  }
  return parseSigningKey(readFileSync(keyPath, 'utf8'), keyPath);
}

/** Writes a new Ed25519 key pair: the private key (mode 0600) and `<path>.pub`. Refuses to overwrite. */
export function keygen(outPath: string, name: string): SignerInfo {
  for (const path of [outPath, `${outPath}.pub`]) {
    if (existsSync(path)) throw new WorkbenchError('REFUSED', `${path} already exists; keys are never overwritten.`, { file: path, hint: 'Choose another --out path.' });
  }
  const key = generateSigningKey(name);
  writeFileAtomic(outPath, key.privateKeyText);
  writeFileAtomic(`${outPath}.pub`, `${key.publicKeyLine}\n`);
  return { signer: name, fingerprint: key.fingerprint, publicKey: key.publicKeyLine };
}

/** The signer name, fingerprint and public key of a private key file. */
export function signerInfo(keyPath: string): SignerInfo {
  const key = loadKey(keyPath);
  return { signer: key.name, fingerprint: key.fingerprint, publicKey: key.publicKeyLine };
}

/** Verifies a case file on disk, optionally against an allowed_signers trust list. */
export function verifyCaseFileAt(path: string, allowedSignersPath?: string): VerifyResult {
  let allowed: string | undefined;
  if (allowedSignersPath !== undefined) {
    if (!existsSync(allowedSignersPath)) throw new WorkbenchError('NOT_FOUND', `No allowed_signers file at ${allowedSignersPath}.`, { file: allowedSignersPath });
    allowed = readFileSync(allowedSignersPath, 'utf8');
  }
  return verifyCaseFile(path, allowed);
}
