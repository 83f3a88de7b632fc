// Every CLI command by name.
import type { Command } from '../cli-common';
import { ingest } from './ingest';
import { audit, merge, move, note, redo, split, status, undo } from './actions';
import { cases, identities, show } from './read';
import { exportCommand, keygen, verify } from './report';
import { review } from './review';

/** The command table the CLI dispatches on. */
export const COMMANDS: Record<string, Command> = { ingest, cases, show, identities, keygen, export: exportCommand, verify, review, merge, split, move, note, status, undo, redo, audit };
