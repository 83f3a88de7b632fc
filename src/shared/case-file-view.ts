// What reviewer mode shows: an opened case file, its verification, and its content when it could be read.
import { z } from 'zod';
import { CaseJsonSchema } from './case-file';
import { VerifyResultSchema } from './schemas';

/** An opened `.nhicase`: read-only. `caseFile` is null when case.json could not be read at all. */
export const CaseFileViewSchema = z.object({
  path: z.string(),
  verification: VerifyResultSchema,
  caseFile: CaseJsonSchema.nullable(),
});
export type CaseFileView = z.infer<typeof CaseFileViewSchema>;
