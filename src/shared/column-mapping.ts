// A saved column mapping: how to read a CSV or NDJSON export that no built-in importer knows.
import { z } from 'zod';

const Column = z.string().min(1).max(200);

/** Which column (CSV header name, or NDJSON field path with dots) holds each signal field. */
export const ColumnMappingSchema = z
  .object({
    /** Saved under this name in the workspace; later imports can name it instead of repeating it. */
    name: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/),
    input: z.enum(['csv', 'ndjson']),
    time: Column,
    action: Column,
    /** The column naming the actor; its value is `type:value`, or a bare value of `actorType`. */
    actor: Column,
    actorType: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/).optional(),
    outcome: Column.optional(),
    /** Values of the outcome column that mean failure (case-insensitive). */
    failureValues: z.array(z.string().max(100)).max(50).default(['failure', 'failed', 'denied', 'error', 'false']),
    target: Column.optional(),
    sourceIp: Column.optional(),
    region: Column.optional(),
    userAgent: Column.optional(),
    summary: Column.optional(),
    /** A column whose value is unique per event (else the whole row is hashed). */
    id: Column.optional(),
  })
  .strict();
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
