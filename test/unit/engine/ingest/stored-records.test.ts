import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { ctNdjson } from '../../../fixtures/bundles/bundles';
import { join } from 'node:path';
import { inProcessEngine } from '../../../../src/main/engine/engine-client';
import { Db } from '../../../../src/main/engine/db/database';
import { WorkspaceFiles } from '../../../../src/main/engine/workspace-files';
import { readStoredRecords } from '../../../../src/main/engine/ingest/stored-records';
import { FIXTURES, tempDir } from '../../../helpers/workspace';

// One event per line, several records in one line or one document, CSV rows that need their header, a scanner report.
const FILES = [
  'cloudtrail/events.ndjson',
  'cloudtrail/records.json',
  'k8s-audit/events.ndjson',
  'otel-genai/collector.ndjson',
  'github-audit/audit-export.csv',
  'github-audit/audit-stream.ndjson',
  'ocsf/api-activity.ndjson',
  'gitleaks/report-v8.json',
];

describe('reading stored records back', () => {
  it('gives every signal the same record whether read from its own line or from the whole file', async () => {
    const dir = join(tempDir(), 'ws');
    const engine = inProcessEngine();
    await engine.call('open', { path: dir, create: true });
    // And NDJSON as Windows tools write it: a byte-order mark, CRLF line ends, non-ASCII text.
    const crlf = join(tempDir(), 'windows.ndjson');
    const events = ctNdjson(500, 504).trim().split('\n').map((l) => l.replace('acme-artifacts', 'acme-artéfacts-日本'));
    writeFileSync(crlf, `\uFEFF${events.join('\r\n')}\r\n`);
    await engine.call('ingest', { paths: [...FILES.map((f) => join(FIXTURES, f)), crlf] });
    await engine.dispose();
    const path = join(dir, 'workspace.sqlite');
    const db = await Db.open(readFileSync(path), path);
    const files = new WorkspaceFiles(dir);
    const rows = db.all<{ sha256: string; name: string; format: string; record_index: number; line: number | null }>(
      `SELECT DISTINCT f.sha256, f.name, f.format, s.record_index, s.line FROM signals s JOIN evidence_files f ON f.id = s.file_id ORDER BY f.id, s.record_index`,
    );
    const byFile = new Map<string, typeof rows>();
    for (const r of rows) byFile.set(r.sha256, [...(byFile.get(r.sha256) ?? []), r]);
    expect(byFile.size).toBe(FILES.length + 1);
    for (const records of byFile.values()) {
      const file = records[0]!;
      const withLines = readStoredRecords(files, file, new Map(records.map((r) => [r.record_index, r.line])));
      const whole = readStoredRecords(files, file, new Map(records.map((r) => [r.record_index, null])));
      expect(whole.length, file.name).toBe(records.length);
      expect(withLines, file.name).toEqual(whole);
    }
    db.close();
  });
});
