#!/usr/bin/env node
// The installed `nhi-workbench` command: runs the built CLI (npm run build makes out/main/cli.js).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('nhi-workbench: the CLI is not built yet; run `npm run build` (or use `npm run -s cli -- …` in a clone).\n');
  process.exit(2);
}
createRequire(import.meta.url)(built);
