// The CLI's exit codes, as ARCHITECTURE.md promises them to scripts.
import { assertNever, type ErrorCode } from '../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_BAD_INPUT = 3;

/** The exit code for an error: 3 when the input was bad and nothing changed, 2 for usage, 1 otherwise. */
export function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
    case 'NOT_FOUND':
      return EXIT_BAD_INPUT;
    case 'USAGE':
      return EXIT_USAGE;
    case 'REFUSED':
    case 'VERIFY_FAILED':
    case 'INTERNAL':
      return EXIT_REFUSED;
    default:
      return assertNever(code);
  }
}
