import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFileSchemaText } from '../../../../scripts/write-case-file-schema';

describe('docs/case-file.schema.json', () => {
  it('is the JSON Schema generated from the zod schema of case.json (run `npx tsx scripts/write-case-file-schema.ts`)', () => {
    const onDisk = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'case-file.schema.json'), 'utf8');
    expect(onDisk).toBe(caseFileSchemaText());
    expect(JSON.parse(onDisk)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });
});
