// Reading evidence as stored: hashing it (the chain-of-custody hash, of the bytes as collected), looking at its start
// (gzip? a zip? empty? what format?) and opening its decoded content as a stream. Nothing here holds a whole file.
import { WorkbenchError } from '../../../shared/errors';
import { countingReader, hashReader, inflatingReader, readHead, type ByteReader } from './bundle/byte-reader';
import { isZipMagic, type Candidate } from './bundle/candidates';
import { MAX_ENTRY_BYTES, SAMPLE_BYTES } from './bundle/limits';
import { streamSource, type ClosableSource } from './evidence-source';

export type { Candidate } from './bundle/candidates';

/** What the start of a file says about it. */
export interface EvidenceHead {
  /** The stored bytes are gzip (decoded through gunzip). */
  gzip: boolean;
  /** The stored bytes are a zip archive. */
  zip: boolean;
  /** The first SAMPLE_BYTES of the decoded content as text (invalid bytes replaced), for detection. */
  sample: string;
  /** The decoded content is empty or only whitespace. */
  empty: boolean;
}

/** SHA-256 and size of a file as stored, read as a stream. */
export function hashEvidence(file: Candidate, onBytes?: (bytes: number) => void): { sha256: string; size: number } {
  return hashReader(file.open(), onBytes);
}

/** Looks at the first bytes of a file and of its decoded content. */
export function readEvidenceHead(file: Candidate): EvidenceHead {
  const { bytes: raw } = readHead(file.open(), 4);
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  const zip = isZipMagic(raw);
  if (zip) return { gzip, zip, sample: '', empty: false };
  const { bytes, complete } = readHead(openContent(file, gzip), SAMPLE_BYTES);
  // Streaming mode leaves a character cut at the sample's end out instead of turning it into U+FFFD.
  const sample = new TextDecoder('utf-8').decode(bytes, { stream: !complete });
  return { gzip, zip, sample, empty: complete && sample.trim() === '' };
}

/** A streaming source over a file's decoded content; `onBytes` counts stored bytes as they are read. */
export function evidenceSource(file: Candidate, head: EvidenceHead, onBytes: (bytes: number) => void, onBadLine?: (record: number, line: number, reason: string) => void): ClosableSource {
  return streamSource({
    name: file.name,
    display: file.display,
    open: () => openContent(file, head.gzip, onBytes),
    sample: head.sample,
    knownSize: head.gzip ? undefined : file.size,
    onBadLine,
  });
}

/** Why a file cannot be evidence at all (a zip inside a zip, an empty file), or null. */
export function unreadable(file: Candidate, head: EvidenceHead): WorkbenchError | null {
  if (head.zip) {
    return new WorkbenchError('BAD_INPUT', `${file.display} is a zip archive inside a zip archive; only one level of archive is read, so it was not opened.`, {
      file: file.display,
      hint: 'Extract the inner archive and add its files (or the inner zip itself) to a folder bundle.',
    });
  }
  if (head.empty) {
    return new WorkbenchError('BAD_INPUT', `${file.display} is empty: it holds no records.`, {
      file: file.display,
      record: 'start of file',
      hint: 'Check that the collection finished and that this is the file you meant to import.',
    });
  }
  return null;
}

function openContent(file: Candidate, gzip: boolean, onBytes?: (bytes: number) => void): ByteReader {
  const stored = onBytes ? countingReader(file.open(), onBytes) : file.open();
  return gzip ? inflatingReader(stored, 'gzip', { display: file.display, maxBytes: MAX_ENTRY_BYTES, maxReason: 'the limit per file' }) : stored;
}
