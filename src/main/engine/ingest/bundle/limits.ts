// The limits that keep hostile or broken evidence from exhausting memory, disk or time. Documented in
// docs/bundle-format.md; a bundle over a limit is refused with the limit named, never read partly.

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Entries (files and folders) in one zip, and files in one folder bundle. */
export const MAX_ENTRIES = 100_000;
/** Uncompressed size of one zip entry or one decompressed .gz file. */
export const MAX_ENTRY_BYTES = 4 * GiB;
/** Uncompressed size of all entries of one zip together. */
export const MAX_TOTAL_BYTES = 16 * GiB;
/** Compression ratio (uncompressed / compressed) that marks a decompression bomb... */
export const MAX_RATIO = 100;
/** ...once the uncompressed output is larger than this (small files compress well and are harmless). */
export const RATIO_FLOOR_BYTES = 1 * MiB;
/** Folder depth walked below a named folder. Zips inside zips are refused (one level of archive only). */
export const MAX_FOLDER_DEPTH = 64;
/** Length of a zip entry name. */
export const MAX_NAME_CHARS = 1024;
/** Size of the zip central directory held in memory while listing. */
export const MAX_DIRECTORY_BYTES = 64 * MiB;
/** Size of manifest.json (it is read whole). */
export const MAX_MANIFEST_BYTES = 16 * MiB;

/** Documents (one JSON value, CSV) are read whole below this size; larger ones must be NDJSON. */
export const MAX_TEXT_BYTES = 256 * MiB;
/** One line of a line-oriented file; longer lines are refused rather than buffered. */
export const MAX_LINE_BYTES = 64 * MiB;
/** Format detection sees this much of the start of a file. */
export const SAMPLE_BYTES = 64 * 1024;
/** Chunk size of reads from disk. */
export const READ_CHUNK_BYTES = 1 * MiB;
/** Compressed bytes pushed into the inflater at once: bounds the output of one push to about 1,000 times this. */
export const INFLATE_SLICE_BYTES = 16 * 1024;

/** A size for messages: "12.3 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
