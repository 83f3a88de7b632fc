// manifest.json: the optional list of what a bundle holds, with each file's SHA-256 as the collector computed it.
// Checked before anything is imported; its JSON Schema (docs/manifest.schema.json) is generated from this one.
import { z } from 'zod';
import { WorkbenchError } from '../../../../shared/errors';
import { parseJsonText } from '../json-text';
import { entryNameProblem } from './entry-name';
import { MAX_ENTRIES } from './limits';

/** The manifest's file name at the bundle root. It describes the evidence and is not evidence itself. */
export const MANIFEST_NAME = 'manifest.json';

const ManifestFileSchema = z
  .object({
    path: z.string().min(1).max(1024).describe('Path of the file inside the bundle, relative to its root, with forward slashes (e.g. "aws/trail-01.json.gz").'),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).describe('SHA-256 of the file exactly as it is stored in the bundle (of the .gz for a gzipped file), in hex.'),
    size: z.number().int().min(0).optional().describe('Size in bytes of the file as stored in the bundle.'),
    format: z.string().min(1).max(100).optional().describe('Parser id of the source format (e.g. "aws.cloudtrail"); overrides detection for this file.'),
    collector: z.string().max(500).optional().describe('Who or what collected the file (a person, a tool and its version).'),
    collected_at: z.iso.datetime({ offset: true }).optional().describe('When the file was collected (RFC 3339 date-time).'),
  })
  .strict();

const ManifestSchema = z
  .object({
    version: z.literal(1).optional().describe('Manifest format version; 1 when present.'),
    description: z.string().max(2000).optional().describe('What the bundle is, for people.'),
    files: z.array(ManifestFileSchema).max(MAX_ENTRIES).describe('Every evidence file of the bundle.'),
  })
  .strict();

/** One listed file. */
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

/** A checked manifest: its files by path. */
export interface Manifest {
  display: string;
  files: Map<string, ManifestFile>;
}

/** Parses and checks a manifest; anything malformed refuses the bundle, naming the manifest and the place. */
export function parseManifest(bytes: Buffer, display: string, knownFormats: readonly string[]): Manifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bad(display, 'is not UTF-8 text', 'start of file');
  }
  const parsed = ManifestSchema.safeParse(parseJsonText(text, display));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const place = issue ? placeOf(issue.path) : 'top level';
    throw bad(display, `is not a valid manifest: ${place}: ${issue?.message ?? 'invalid'}`, place);
  }
  const files = new Map<string, ManifestFile>();
  parsed.data.files.forEach((file, i) => {
    const problem = entryNameProblem(file.path);
    if (problem !== null) throw bad(display, `lists a path, ${JSON.stringify(file.path)}, which ${problem}`, `files[${i}].path`);
    if (file.path.endsWith('/')) throw bad(display, `lists a folder, ${JSON.stringify(file.path)}, not a file`, `files[${i}].path`);
    if (files.has(file.path)) throw bad(display, `lists ${file.path} twice`, `files[${i}].path`);
    if (file.format !== undefined && !knownFormats.includes(file.format)) {
      throw bad(display, `names an unknown format, ${JSON.stringify(file.format)}; known formats: ${knownFormats.join(', ')}`, `files[${i}].format`);
    }
    files.set(file.path, { ...file, sha256: file.sha256.toLowerCase() });
  });
  return { display, files };
}

/** The JSON Schema (draft 2020-12) of manifest.json, for collection tools that do not use zod. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManifestSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'NHI Workbench evidence bundle manifest.json' };
}

function placeOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'top level';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function bad(display: string, what: string, place: string): WorkbenchError {
  return new WorkbenchError('BAD_INPUT', `${display} ${what}; nothing was imported.`, {
    file: display,
    record: place,
    hint: 'Fix manifest.json (its format is in docs/bundle-format.md and docs/manifest.schema.json), or leave it out to import without a manifest check.',
  });
}
