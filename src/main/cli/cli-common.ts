// What every CLI command shares: its options, its output, and small helpers.
import { WorkbenchError } from '../../shared/errors';
import type { EngineClient } from '../engine/engine-client';

/** Parsed command-line options shared by all commands. */
export interface CliOptions {
  positionals: string[];
  workspace?: string;
  json: boolean;
  key?: string;
  out?: string;
  name?: string;
  format?: string;
  allowedSigners?: string;
  noPassphrase?: boolean;
  skipBadRecords?: boolean;
  mapping?: string;
  verdict?: string;
  comment?: string;
  reason?: string;
  signals?: string;
  anchor?: string;
  to?: string;
  verify?: boolean;
}

/** Where a command writes: stdout for results, stderr for messages. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One command: runs against the engine and returns its exit code. */
export type Command = (engine: EngineClient, options: CliOptions, io: CliOutput) => Promise<number>;

/** The --workspace option, required. */
export function requireWorkspace(options: CliOptions): string {
  if (!options.workspace) throw new WorkbenchError('USAGE', 'This command needs --workspace <dir>.');
  return options.workspace;
}

/** Prints the JSON form with --json, else the human form. */
export function print(io: CliOutput, options: CliOptions, value: unknown, human: () => string): void {
  io.out(options.json ? JSON.stringify(value) : human());
}

/** Text from evidence (file names, labels) made safe for a terminal: control characters cannot recolour or move it. */
export function safeText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}
