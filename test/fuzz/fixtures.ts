// Our own fixtures as seeds for mutation: test/fixtures/<format>/ for each parser, read once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '../..');
/** Our own small fixtures. */
export const FIXTURES = join(REPO, 'test/fixtures');

/** The fixture folder of each parser id. */
export const FIXTURE_DIR: Readonly<Record<string, string>> = {
  'aws.cloudtrail': 'cloudtrail',
  'gcp.audit': 'gcp-audit',
  'azure.activity': 'azure-activity',
  'azure.entra-audit': 'entra-audit',
  'azure.entra-signin': 'entra-signin',
  'okta.system-log': 'okta',
  'k8s.audit': 'k8s-audit',
  'github.secret-scanning': 'github-secret-scanning',
  'github.audit': 'github-audit',
  gitleaks: 'gitleaks',
  trufflehog: 'trufflehog',
  'detect-secrets': 'detect-secrets',
  stix: 'stix',
  'otel.genai': 'otel-genai',
  ocsf: 'ocsf',
  'nhi.inventory': 'inventory',
};

/** One fixture file: its name (as collected) and bytes. */
export interface SeedFile {
  name: string;
  bytes: Buffer;
}

const cache = new Map<string, SeedFile[]>();

/** The fixture folder of a parser: the mapped one, else one named after its id (`k8s.audit` -> `k8s-audit`, `audit`). */
function fixtureDir(parserId: string): string | null {
  const candidates = [FIXTURE_DIR[parserId], parserId.replace(/\./g, '-'), parserId.split('.').pop()].filter((d): d is string => d !== undefined);
  return candidates.find((d) => existsSync(join(FIXTURES, d))) ?? null;
}

/** The fixture files of one parser (every regular file in its folder, good and bad); none for a parser without a folder. */
export function seedsFor(parserId: string): SeedFile[] {
  const dir = fixtureDir(parserId);
  return dir === null ? [] : seedsIn(dir);
}

/** Every fixture of every parser, for cross-format inputs. */
export function allSeeds(): SeedFile[] {
  return [...new Set(Object.values(FIXTURE_DIR))].filter((d) => existsSync(join(FIXTURES, d))).flatMap((d) => seedsIn(d));
}

function seedsIn(dir: string): SeedFile[] {
  const cached = cache.get(dir);
  if (cached) return cached;
  const path = join(FIXTURES, dir);
  const files = readdirSync(path)
    .filter((name) => statSync(join(path, name)).isFile())
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(path, name)) }));
  cache.set(dir, files);
  return files;
}

/** The parsed JSON of a seed: a whole document, or the values of its lines (NDJSON); null for CSV and broken files. */
export function parsedSeed(seed: SeedFile): { kind: 'document'; value: unknown } | { kind: 'lines'; values: unknown[] } | null {
  const text = seed.bytes.toString('utf8');
  try {
    return { kind: 'document', value: JSON.parse(text) as unknown };
  } catch {
    // not one document; maybe NDJSON
  }
  try {
    const values = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as unknown);
    return values.length > 0 ? { kind: 'lines', values } : null;
  } catch {
    return null;
  }
}
