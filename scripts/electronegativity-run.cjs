// Runs Electronegativity on one folder, offline, and writes its findings as JSON: `node scripts/electronegativity-run.cjs
// <input> <electron version> <output.json>`. Used by scripts/electronegativity.ts (`npm run lint:electron`).
// - Offline: Electronegativity fetches translations with `got` before every run (and AvailableSecurityFixesGlobalCheck
//   downloads Electron's release list); `got` is replaced here by a client that fails at once, so no request leaves
//   the machine, and it falls back to its bundled English texts. The releases check is excluded as well.
// - Programmatic: its `-o x.csv` writer truncates (header) and appends (rows) in two concurrent writes, which can
//   garble the file, and its SARIF output drops the severity; its runner returns the findings themselves.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS on purpose: it hooks require() before Electronegativity loads */
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');

const net = require('node:net');

/** Requests that were attempted and refused (the translations fetch, every run). */
const blocked = [];
const offline = (url) => {
  blocked.push(String(url));
  return Promise.reject(new Error('network disabled by scripts/electronegativity-run.cjs'));
};
offline.head = offline;
offline.get = offline;
offline.extend = () => offline;
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') return Object.assign(offline, { default: offline, __esModule: true });
  return load.call(this, request, parent, isMain);
};

// Belt and braces: any socket connection from anything else fails too.
net.Socket.prototype.connect = function () {
  blocked.push('socket');
  throw new Error('network disabled by scripts/electronegativity-run.cjs');
};

const [input, electronVersion, output] = process.argv.slice(2);
if (!input || !electronVersion || !output) {
  process.stderr.write('usage: node scripts/electronegativity-run.cjs <input> <electron version> <output.json>\n');
  process.exit(2);
}
// Quiet its "Could not retrieve updated translations" notice (that is the offline stub at work).
const log = console.log;
console.log = (...args) => (String(args[0]).startsWith('Could not retrieve updated translations') ? undefined : log(...args));

const run = require('@doyensec/electronegativity/dist/runner.js');
(run.default || run)(
  {
    input: resolve(input),
    isSarif: false,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
).then(
  (result) => {
    const findings = result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: String(issue.file).replace(/\\/g, '/'),
      line: issue.location ? issue.location.line : 0,
      column: issue.location ? issue.location.column : 0,
      sample: issue.sample || '',
      description: issue.description || '',
      manualReview: Boolean(issue.manualReview),
    }));
    const errors = (result.errors || []).map((e) => ({ file: String(e.file || ''), message: String(e.message || e), tolerable: Boolean(e.tolerable) }));
    writeFileSync(output, JSON.stringify({ checks: result.atomicChecks + result.globalChecks, findings, errors, blockedRequests: blocked }, null, 2));
  },
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
