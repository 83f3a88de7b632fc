// Writes docs/case-file.schema.json from the zod schema of case.json; a unit test fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseFileJsonSchema } from '../src/shared/case-file';

/** The exact text of docs/case-file.schema.json. */
export function caseFileSchemaText(): string {
  return `${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`;
}

if (process.argv[1]?.endsWith('write-case-file-schema.ts')) {
  const out = join(__dirname, '..', 'docs', 'case-file.schema.json');
  writeFileSync(out, caseFileSchemaText());
  console.error(`wrote ${out}`);
}
