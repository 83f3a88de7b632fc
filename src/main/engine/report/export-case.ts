// Gathering one case and everything it cites into a signed case file (or another format); keys; verification by path.
import { existsSync, readFileSync } from 'node:fs';
import type { ExportFormat } from '../../../shared/case-file';
import { WorkbenchError } from '../../../shared/errors';
import type { ExportResult, SignerInfo, VerifyResult } from '../../../shared/schemas';
import type { Db } from '../db/database';
import type { WorkspaceFiles } from '../workspace-files';
import { writeFileAtomic } from '../db/atomic-write';
import { appendAudit, auditEntriesOfCase, lastAuditEntry } from '../cases/audit-log';
import { caseSignals, getCase } from '../queries/case-queries';
import { caseGraph } from '../queries/case-graph';
import { readStoredRecords } from '../ingest/stored-records';
import { parserResolver } from '../ingest/mappings';
import type { CaseFileInput, CustodyRecord, EvidenceRecord, IdentityLinkEvidence } from './case-file-input';
import { exportCaseAs } from './exportFormats';
import { ED25519_KEY_TYPE, generateSigningKey, isProtectedKey, parsePublicKeyLine, parseSigningKey, publicKeyOfKeyFile, type SigningKey } from './ssh-key';
import { verifyCaseFile } from './verify';

const TOOL = { name: 'nhi-workbench', version: '0.1.0' };

/** What `exportCase` needs: the case, where to write, and the key (required for `nhicase`, the default format). */
export interface ExportCaseArgs {
  id: string;
  outPath: string;
  keyPath?: string;
  format?: ExportFormat;
  passphrase?: string;
}

/** Exports one case as a signed `.nhicase` (or a folder) or an unsigned view, records it in the audit chain, and says where it went. */
export function exportCase(db: Db, files: WorkspaceFiles, args: ExportCaseArgs, now: Date): ExportResult {
  const format = args.format ?? 'nhicase';
  // The key is read first: a wrong passphrase must stop the export before anything is gathered or written.
  const key = args.keyPath !== undefined ? loadKey(args.keyPath, args.passphrase) : undefined;
  const input = gatherCase(db, files, args.id, now);
  const written = exportCaseAs(input, format, args.outPath, key);
  const sha256 = written.sha256;
  appendAudit(db, {
    type: 'case.exported',
    at: now.toISOString(),
    actor: key?.name ?? TOOL.name,
    caseIds: [args.id],
    payload: { sha256, format, signed: format === 'nhicase', signer: key?.name ?? null, fingerprint: key?.fingerprint ?? null, chainHead: input.audit.head },
  });
  return { path: written.path, sha256, signer: key?.name ?? '', fingerprint: key?.fingerprint ?? '', bytes: written.bytes };
}

/** Collects the case, its signals, links, custody, redacted records, audit entries and graph. */
export function gatherCase(db: Db, files: WorkspaceFiles, caseId: string, now: Date): CaseFileInput {
  const detail = getCase(db, caseId);
  const signals = caseSignals(db, caseId, { offset: 0, limit: Number.MAX_SAFE_INTEGER }).items;
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
  // Each cited file's records: index -> the line it starts on.
  const cited = new Map<string, Map<number, number | null>>();
  for (const s of signals) {
    const records = cited.get(s.evidence.sha256) ?? new Map<number, number | null>();
    records.set(s.evidence.recordIndex, s.evidence.line);
    cited.set(s.evidence.sha256, records);
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
    if (wanted) records.set(c.sha256, readStoredRecords(files, c, wanted, parserResolver(db)));
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

/** Reads a private key file, decrypting it with `passphrase` when it is protected. */
export function loadKey(keyPath: string, passphrase?: string): SigningKey {
  if (!existsSync(keyPath)) {
    throw new WorkbenchError('NOT_FOUND', `No signing key at ${keyPath}.`, { file: keyPath, hint: 'Create one with `nhi-workbench keygen --out <path>`.' });
  }
  return parseSigningKey(readFileSync(keyPath, 'utf8'), keyPath, undefined, passphrase);
}

/** Writes a new Ed25519 key pair: the private key (mode 0600; encrypted when `passphrase` is non-empty) and `<path>.pub`. Refuses to overwrite. */
export function keygen(outPath: string, name: string, passphrase?: string): SignerInfo {
  for (const path of [outPath, `${outPath}.pub`]) {
    if (existsSync(path)) throw new WorkbenchError('REFUSED', `${path} already exists; keys are never overwritten.`, { file: path, hint: 'Choose another --out path.' });
  }
  const key = generateSigningKey(name, passphrase);
  writeFileAtomic(outPath, key.privateKeyText);
  writeFileAtomic(`${outPath}.pub`, `${key.publicKeyLine}\n`);
  return { signer: name, fingerprint: key.fingerprint, publicKey: key.publicKeyLine };
}

/** The signer name, fingerprint and public key of a private key file; a protected key without passphrase is named by its `.pub`. */
export function signerInfo(keyPath: string, passphrase?: string): SignerInfo {
  if (existsSync(keyPath) && passphrase === undefined && isProtectedKey(readFileSync(keyPath, 'utf8'))) {
    // The public half is stored in the clear, but the comment (the signer name) is encrypted: take it from the .pub.
    const { blob, fingerprint } = publicKeyOfKeyFile(readFileSync(keyPath, 'utf8'), keyPath);
    const pubPath = `${keyPath}.pub`;
    const pub = existsSync(pubPath) ? parsePublicKeyLine(readFileSync(pubPath, 'utf8'), pubPath) : null;
    if (pub && pub.blob.equals(blob) && pub.comment !== '') {
      return { signer: pub.comment, fingerprint, publicKey: `${ED25519_KEY_TYPE} ${blob.toString('base64')} ${pub.comment}` };
    }
  }
  const key = loadKey(keyPath, passphrase);
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
