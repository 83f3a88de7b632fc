// How much of a file format detection sees.

/** Detection looks at the first 64 KiB of decoded text. */
export const DETECT_SAMPLE_CHARS = 64 * 1024;
