// The fuse step for real, without the Electron binary: a synthetic file carries the sentinel and a fuse wire laid out
// as in Electron (version byte, length byte, one state byte per fuse), our flip step changes it, and our verify step
// (the module and the `npm run package:verify` command) reads it back.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { FuseV1Options } from '@electron/fuses';
import { FUSE_DISABLED, FUSE_ENABLED, WANTED_FUSES, flipAppFuses, verifyFuses } from '../../../scripts/package/fuses';
import { REPO, tempDir } from '../../helpers/workspace';

/** The wire of an Electron 45 binary as shipped: 9 fuses, RunAsNode on, cookie encryption off, node options and inspect on, … */
const SHIPPED = '101100011';

function syntheticBinary(wire = SHIPPED, copies = 1): { path: string; before: Buffer } {
  const filler = (n: number, seed: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251));
  const parts: Buffer[] = [filler(3000, 1)];
  for (let c = 0; c < copies; c++) parts.push(Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, wire.length]), Buffer.from(wire, 'ascii'), filler(2000, 7 + c));
  const before = Buffer.concat(parts);
  const path = join(tempDir('nhi-fuses-'), 'electron');
  writeFileSync(path, before);
  return { path, before };
}

const wireAt = (bytes: Buffer, copy = 0): string => {
  let at = -1;
  for (let c = 0; c <= copy; c++) at = bytes.indexOf(SENTINEL, at + 1);
  const start = at + SENTINEL.length;
  return bytes.subarray(start + 2, start + 2 + bytes[start + 1]!).toString('ascii');
};

const tsx = join(REPO, 'node_modules/.bin/tsx');
const verifyCommand = (path: string) => spawnSync(tsx, [join(REPO, 'scripts/package/verify.ts'), path], { encoding: 'utf8' });

describe('Electron fuses of packaged builds', () => {
  it('wants RunAsNode, NODE_OPTIONS, inspect flags and file:// privileges off; cookie encryption, asar integrity and asar-only on', () => {
    expect(WANTED_FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('flips the wire and reads it back; nothing else in the file changes; a fuse it does not know keeps its state', async () => {
    const { path, before } = syntheticBinary();
    expect((await verifyFuses(path)).problems).toHaveLength(7); // as shipped, all but the V8 snapshot fuse differ
    await flipAppFuses(path);
    const after = readFileSync(path);
    expect(wireAt(after)).toBe('010011001');
    expect(after.length).toBe(before.length);
    const changed = [...after].flatMap((b, i) => (b === before[i] ? [] : [i]));
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + 8)).toBe(true);
    const report = await verifyFuses(path);
    expect(report.problems).toEqual([]);
    expect(report.fuses.find((f) => f.name === 'RunAsNode')).toMatchObject({ state: 'off', wanted: 'off' });
    expect(report.fuses[8]).toMatchObject({ index: 8, state: 'on', wanted: null });
    expect(after[wireStart + 0]).toBe(FUSE_DISABLED);
    expect(after[wireStart + 5]).toBe(FUSE_ENABLED);
  });

  it('flips both copies of the wire in a universal macOS binary', async () => {
    const { path } = syntheticBinary(SHIPPED, 2);
    await flipAppFuses(path);
    const after = readFileSync(path);
    expect([wireAt(after, 0), wireAt(after, 1)]).toEqual(['010011001', '010011001']);
  });

  it('npm run package:verify fails on an unflipped binary, naming each wrong fuse, and passes once flipped', async () => {
    const { path } = syntheticBinary();
    const unflipped = verifyCommand(path);
    expect(unflipped.status).toBe(1);
    expect(unflipped.stderr).toContain('FUSE WRONG: RunAsNode is on, should be off');
    expect(unflipped.stderr).toContain('FUSE WRONG: OnlyLoadAppFromAsar is off, should be on');
    await flipAppFuses(path);
    const flipped = verifyCommand(path);
    expect(flipped.stderr).toBe('');
    expect(flipped.status).toBe(0);
    expect(flipped.stdout).toContain('fuses OK');
    expect(() => execFileSync(tsx, [join(REPO, 'scripts/package/verify.ts')], { stdio: 'pipe' })).toThrow(); // usage error
  }, 30_000);

  it('refuses a binary with no fuse wire, or a wire too short for a wanted fuse', async () => {
    const plain = join(tempDir('nhi-fuses-'), 'not-electron');
    writeFileSync(plain, Buffer.alloc(4096, 0x41));
    await expect(flipAppFuses(plain)).rejects.toThrow(/sentinel/);
    expect((await verifyFuses(plain)).problems).toEqual([expect.stringMatching(/cannot read the fuse wire.*sentinel/)]);

    const { path } = syntheticBinary('10110');
    await expect(flipAppFuses(path)).rejects.toThrow(/not long enough/);
    const report = await verifyFuses(path);
    expect(report.problems).toContain('LoadBrowserProcessSpecificV8Snapshot is absent, should be off');
    expect(report.problems).toContain('RunAsNode is on, should be off');
  });

  it('a removed fuse does not count as off', async () => {
    const { path } = syntheticBinary('r10011001');
    expect((await verifyFuses(path)).problems).toEqual(['RunAsNode is removed, should be off']);
  });
});
