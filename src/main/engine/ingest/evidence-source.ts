// Evidence sources: what a parser reads a file through.
import { splitLines } from './json-text';
import { DETECT_SAMPLE_CHARS } from './detect-sample';
import type { EvidenceSource } from './types';

/** A source over text already in memory (a decoded file, or a test's string). */
export function textSource(name: string, text: string): EvidenceSource {
  return {
    name,
    sample: text.slice(0, DETECT_SAMPLE_CHARS),
    text: () => text,
    lines: () => splitLines(text),
  };
}
