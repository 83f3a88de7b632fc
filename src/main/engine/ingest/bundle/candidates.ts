// Turning what the user named (files, folders, zips) into the list of evidence files to import, with each file's
// bundle and manifest entry, plus result lines for what will not be imported (missing, links, unlisted zips).
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { WorkbenchError } from '../../../../shared/errors';
import type { IngestFileResult } from '../../../../shared/schemas';
import { fileReader, hashReader, readHead, type ByteReader } from './byte-reader';
import { MAX_ENTRIES, MAX_FOLDER_DEPTH, MAX_MANIFEST_BYTES, formatBytes } from './limits';
import { MANIFEST_NAME, parseManifest, type Manifest, type ManifestFile } from './manifest';
import { readZipDirectory } from './zip-directory';
import { zipMemberReader } from './zip-member';

/** One evidence file to import. */
export interface Candidate {
  /** How the file is shown: its path, or `…/evidence.zip!/dir/file.json` for a zip entry. Never opened as a path. */
  display: string;
  /** The file's own name (the last part of display). */
  name: string;
  /** The folder or zip it came from, by name; null for a file named on its own. */
  bundle: string | null;
  /** True when the user named the file itself: it must then be readable evidence. */
  named: boolean;
  /** True for a zip entry (a zip inside it would be a second level of archive). */
  inZip: boolean;
  /** Size as stored (a zip entry's declared uncompressed size). */
  size: number;
  /** The bytes as stored (a zip entry inflated, a .gz still compressed). */
  open(): ByteReader;
  /** The bundle manifest's line for this file, when there is one. */
  listed: ManifestFile | null;
  /** The manifest that should have listed this file but does not. */
  unlistedIn: string | null;
}

/** Either a file to import or a line for the result that imports nothing. */
export type Listed = { kind: 'file'; file: Candidate } | { kind: 'notice'; result: IngestFileResult };

/** Expands the paths a user gave; folders are walked in name order (hidden folders and OS litter skipped), zips are read. */
export function listCandidates(paths: string[], knownFormats: readonly string[]): Listed[] {
  const out: Listed[] = [];
  for (const given of paths) {
    const path = resolve(given);
    if (!existsSync(path)) {
      throw new WorkbenchError('BAD_INPUT', `No such file or folder: ${given}`, { file: given, hint: 'Check the path and try again.' });
    }
    const stat = statSync(path);
    if (stat.isDirectory()) listFolder(path, knownFormats, out);
    else if (isZipFile(path)) listZip(path, knownFormats, out);
    else out.push({ kind: 'file', file: plainFile(path, basename(path), null, true, stat.size, null, null) });
  }
  return out;
}

/** True when the file starts like a zip archive, whatever its name. */
export function isZipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && isZipMagic(head);
  } finally {
    closeSync(fd);
  }
}

/** True for the signatures a zip starts with (a first entry, or the end record of an empty zip). */
export function isZipMagic(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

function listFolder(root: string, knownFormats: readonly string[], out: Listed[]): void {
  const bundle = basename(root);
  const manifestPath = join(root, MANIFEST_NAME);
  const manifest = existsSync(manifestPath) && lstatSync(manifestPath).isFile() ? readManifest(fileReader(manifestPath), manifestPath, knownFormats) : null;
  const seen = new Set<string>();
  let count = 0;
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > MAX_FOLDER_DEPTH) refuseFolder(root, `is nested more than ${MAX_FOLDER_DEPTH} folders deep at ${rel}`);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isDirectory() ? entry.name.startsWith('.') : isJunkFile(entry.name)) continue;
      const path = join(dir, entry.name);
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (relPath === MANIFEST_NAME && manifest) continue;
      if (entry.isDirectory()) {
        walk(path, relPath, depth + 1);
        continue;
      }
      if (++count > MAX_ENTRIES) refuseFolder(root, `holds more than ${MAX_ENTRIES} files`);
      const listed = manifest?.files.get(relPath) ?? null;
      if (listed) seen.add(relPath);
      if (!entry.isFile()) {
        out.push(notice(path, bundle, 'unknown', `${entry.name} is ${entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; links are not followed, so it was skipped.`));
        continue;
      }
      const size = statSync(path).size;
      if (isZipFile(path)) listZipInFolder(path, size, listed, manifest, bundle, knownFormats, out);
      else out.push({ kind: 'file', file: plainFile(path, entry.name, bundle, false, size, listed, manifest && !listed ? manifest.display : null) });
    }
  };
  walk(root, '', 0);
  if (manifest) out.push(...missing(manifest, seen, (p) => join(root, ...p.split('/')), bundle));
}

// A zip inside a folder is a bundle of its own (one level of archive); the folder's manifest may pin its hash.
function listZipInFolder(path: string, size: number, listed: ManifestFile | null, manifest: Manifest | null, bundle: string, knownFormats: readonly string[], out: Listed[]): void {
  if (listed) {
    const { sha256 } = hashReader(fileReader(path));
    if (sha256 !== listed.sha256 || (listed.size !== undefined && listed.size !== size)) {
      out.push(notice(path, bundle, 'zip', hashMismatch(basename(path), listed, sha256, size), sha256));
      return;
    }
  } else if (manifest) {
    out.push(notice(path, bundle, 'zip', `${basename(path)} is not listed in ${manifest.display}; its own contents were still read.`, '', 0));
  }
  listZip(path, knownFormats, out);
}

function listZip(zipPath: string, knownFormats: readonly string[], out: Listed[]): void {
  const bundle = basename(zipPath);
  const entries = readZipDirectory(zipPath, zipPath);
  const manifestEntry = entries.find((e) => e.name === MANIFEST_NAME);
  const manifestDisplay = `${zipPath}!/${MANIFEST_NAME}`;
  const manifest = manifestEntry ? readManifest(zipMemberReader(zipPath, manifestEntry, manifestDisplay), manifestDisplay, knownFormats) : null;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry === manifestEntry || isHiddenEntry(entry.name)) continue;
    const display = `${zipPath}!/${entry.name}`;
    const listed = manifest?.files.get(entry.name) ?? null;
    if (listed) seen.add(entry.name);
    out.push({
      kind: 'file',
      file: {
        display,
        name: entry.name.slice(entry.name.lastIndexOf('/') + 1),
        bundle,
        named: false,
        inZip: true,
        size: entry.size,
        open: () => zipMemberReader(zipPath, entry, display),
        listed,
        unlistedIn: manifest && !listed ? manifest.display : null,
      },
    });
  }
  if (manifest) out.push(...missing(manifest, seen, (p) => `${zipPath}!/${p}`, bundle));
}

// As in folders: hidden folders (.git) and what operating systems leave behind are skipped; hidden files are not
// (a detect-secrets baseline is `.secrets.baseline`), and are listed as unknown when they are not evidence.
function isHiddenEntry(name: string): boolean {
  const segments = name.split('/');
  const file = segments.pop() ?? '';
  return segments.some((s) => s.startsWith('.') || s === '__MACOSX') || isJunkFile(file);
}

/** Files an operating system or file manager leaves in folders: never evidence. */
function isJunkFile(name: string): boolean {
  return name === '.DS_Store' || name.startsWith('._') || name === 'Thumbs.db' || name === 'desktop.ini';
}

function readManifest(reader: ByteReader, display: string, knownFormats: readonly string[]): Manifest {
  const { bytes, complete } = readHead(reader, MAX_MANIFEST_BYTES);
  if (!complete) {
    throw new WorkbenchError('BAD_INPUT', `${display} is larger than ${formatBytes(MAX_MANIFEST_BYTES)}; nothing was imported.`, {
      file: display,
      hint: 'A manifest lists files; it should be far smaller. Check that the right file is named manifest.json.',
    });
  }
  return parseManifest(bytes, display, knownFormats);
}

function plainFile(path: string, name: string, bundle: string | null, named: boolean, size: number, listed: ManifestFile | null, unlistedIn: string | null): Candidate {
  return { display: path, name, bundle, named, inZip: false, size, open: () => fileReader(path), listed, unlistedIn };
}

function missing(manifest: Manifest, seen: Set<string>, displayOf: (path: string) => string, bundle: string): Listed[] {
  return [...manifest.files.values()]
    .filter((f) => !seen.has(f.path))
    .map((f) => notice(displayOf(f.path), bundle, f.format ?? 'missing', `${f.path} is listed in ${manifest.display} but is not in the bundle.`, f.sha256, 0));
}

/** The message for a file whose bytes are not what its manifest line says. */
export function hashMismatch(name: string, listed: ManifestFile, sha256: string, size: number): string {
  if (sha256 !== listed.sha256) return `${name} does not match manifest.json: expected SHA-256 ${listed.sha256}, actual ${sha256}; refused.`;
  return `${name} does not match manifest.json: expected ${listed.size} bytes, actual ${size}; refused.`;
}

function notice(display: string, bundle: string, format: string, error: string, sha256 = '', rejected = 1): Listed {
  return { kind: 'notice', result: { path: display, sha256, format, signals: 0, rejected, duplicate: false, error, bundle } };
}

function refuseFolder(root: string, what: string): never {
  throw new WorkbenchError('BAD_INPUT', `${root} ${what}; nothing was imported.`, { file: root, hint: 'Import the folder in parts.' });
}
