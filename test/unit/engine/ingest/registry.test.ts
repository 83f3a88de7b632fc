import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectFormat, parsers } from '../../../../src/main/engine/ingest/registry';
import { FIXTURES, REAL_FIXTURES } from '../../../helpers/workspace';

/** Our fixture folders and the parser that must claim their files (files named not-* or bad-* are foreign). */
const EXPECTED: Record<string, string> = {
  cloudtrail: 'aws.cloudtrail',
  'gcp-audit': 'gcp.audit',
  'azure-activity': 'azure.activity',
  'entra-audit': 'azure.entra-audit',
  'entra-signin': 'azure.entra-signin',
  okta: 'okta.system-log',
  'k8s-audit': 'k8s.audit',
  'github-audit': 'github.audit',
  'github-secret-scanning': 'github.secret-scanning',
  gitleaks: 'gitleaks',
  trufflehog: 'trufflehog',
  'detect-secrets': 'detect-secrets',
  ocsf: 'ocsf',
  'otel-genai': 'otel.genai',
  stix: 'stix',
};

const REAL: Record<string, string> = {
  'aws-cloudtrail': 'aws.cloudtrail',
  'gcp-audit': 'gcp.audit',
  'k8s-audit': 'k8s.audit',
  'github-secret-scanning': 'github.secret-scanning',
  gitleaks: 'gitleaks',
  trufflehog: 'trufflehog',
  'detect-secrets': 'detect-secrets',
  ocsf: 'ocsf',
  'otel-genai': 'otel.genai',
  stix: 'stix',
};

const registered = new Set(parsers.map((p) => p.id));

function read(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('format detection across every registered parser', () => {
  for (const [folder, id] of Object.entries(EXPECTED)) {
    it.skipIf(!registered.has(id))(`claims every ${folder} fixture as ${id}, and nothing else claims them`, () => {
      for (const path of files(join(FIXTURES, folder))) {
        const name = path.split('/').pop()!;
        if (/^(not-|bad-)/.test(name) || !/\.(json|ndjson|jsonl|csv|gz|log|baseline)$|^\.secrets/.test(name)) continue;
        const claimants = parsers.filter((p) => p.detect(read(path).slice(0, 65536), name)).map((p) => p.id);
        if (claimants.length === 0) continue; // deliberately broken fixtures (truncated, wrong shape) are refused elsewhere
        expect(claimants, name).toEqual([id]);
        expect(detectFormat(read(path), name)?.id, name).toBe(id);
      }
    });
  }

  const realPresent = existsSync(REAL_FIXTURES);
  if (!realPresent) console.log(`real fixtures not found at ${REAL_FIXTURES}; skipping the real-evidence detection test`);
  for (const [folder, id] of Object.entries(REAL)) {
    it.skipIf(!realPresent || !registered.has(id))(`detects the real ${folder} evidence as ${id} only`, () => {
      for (const path of files(join(REAL_FIXTURES, folder))) {
        const name = path.split('/').pop()!;
        if (name === 'fal_01_003.json') continue; // deliberately malformed upstream
        const claimants = parsers.filter((p) => p.detect(read(path).slice(0, 65536), name)).map((p) => p.id);
        expect(claimants, path).toEqual([id]);
      }
    });
  }
});
