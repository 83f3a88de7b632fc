// Errors a user can meet, typed so every side (CLI, app, harness) can show what went wrong and what to do.

/** The kinds of failure a caller can tell apart; each maps to one CLI exit code. */
export type ErrorCode =
  | 'BAD_INPUT' // evidence or arguments that cannot be used; nothing was changed
  | 'NOT_FOUND' // a workspace, case or file that does not exist
  | 'REFUSED' // a request that is understood but not allowed (e.g. no workspace open)
  | 'VERIFY_FAILED' // a case file that did not verify
  | 'USAGE' // a malformed call
  | 'INTERNAL'; // a bug: the message says so

/** The serializable shape of an error crossing a process boundary. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  file?: string;
  record?: string;
  hint?: string;
}

/** An error with a code, the file and record it concerns, and what the user can do about it. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly record?: string;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, extra: { file?: string; record?: string; hint?: string } = {}) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.file = extra.file;
    this.record = extra.record;
    this.hint = extra.hint;
  }

  /** The plain-object form sent over IPC, WebSocket and worker messages. */
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.file !== undefined) info.file = this.file;
    if (this.record !== undefined) info.record = this.record;
    if (this.hint !== undefined) info.hint = this.hint;
    return info;
  }

  /** Rebuilds an error from its plain-object form on the receiving side. */
  static fromInfo(info: ErrorInfo): WorkbenchError {
    return new WorkbenchError(info.code, info.message, info);
  }
}

/** Converts anything thrown into the plain-object form, marking unknown throws as internal. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof WorkbenchError) return err.toInfo();
  if (isErrorInfo(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Internal error: ${message}`, hint: 'This is a bug in NHI Workbench; please report it with the steps that led here.' };
}

/** True for a value that already has the plain-object error shape. */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  return typeof value === 'object' && value !== null && typeof (value as ErrorInfo).code === 'string' && typeof (value as ErrorInfo).message === 'string';
}

/** Formats an error for a person: message, then where, then what to do. */
export function describeError(info: ErrorInfo): string {
  const where = [info.file, info.record].filter(Boolean).join(', ');
  return [info.message, where ? `(${where})` : '', info.hint ?? ''].filter(Boolean).join(' ');
}

/** Compile-time exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
