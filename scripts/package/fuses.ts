// The Electron fuses of a packaged NHI Workbench, in one place: the packaging step flips them (package.ts) and the
// verify step reads them back (verify.ts, `npm run package:verify -- <electron binary>`).
// A fuse is a byte in the Electron binary, after a sentinel string: '0' off, '1' on, 'r' removed (see
// node_modules/@electron/fuses/dist/constants.js). Flipping them is what makes them hold for a packaged app:
// they cannot be changed at run time or from the command line.
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** The state bytes @electron/fuses writes and reads ('0', '1', 'r'). */
export const FUSE_DISABLED = 0x30;
export const FUSE_ENABLED = 0x31;
export const FUSE_REMOVED = 0x72;

/**
 * What every packaged build must have. Each fuse @electron/fuses 1.8.0 knows has an explicit value; fuses newer
 * Electron versions add beyond these keep Electron's default (the verify step lists them).
 */
export const WANTED_FUSES: Readonly<Record<FuseV1Options, boolean>> = {
  // `ELECTRON_RUN_AS_NODE=1 app` would turn the app into a plain Node that runs any script with the app's identity.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk are encrypted with an OS-protected key (the app keeps none, but nothing may store them plain).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code (`--require`) into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger port into main (which holds the signing key passphrase).
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar must match the hash packaging embedded in the executable (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only resources/app.asar is loaded: no app/ folder or default_app beside it can replace our code.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // We ship no browser-process V8 snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// gets no extra privileges; our pages come from app://workbench/.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** One fuse as read back from a binary. */
export interface FuseReading {
  index: number;
  name: string;
  state: string;
  wanted: 'on' | 'off' | null;
}

/** What the verify step found: every fuse on the wire and the differences from `WANTED_FUSES`. */
export interface FuseReport {
  fuses: FuseReading[];
  problems: string[];
}

const wantedEntries = (): [FuseV1Options, boolean][] =>
  Object.entries(WANTED_FUSES).map(([index, on]) => [Number(index) as FuseV1Options, on]);

const nameOf = (index: number): string => FuseV1Options[index] ?? `fuse #${index} (unknown to @electron/fuses 1.8.0)`;

const describeState = (state: number | undefined): string =>
  state === FUSE_ENABLED ? 'on' : state === FUSE_DISABLED ? 'off' : state === FUSE_REMOVED ? 'removed' : state === undefined ? 'absent' : `unknown (0x${state.toString(16)})`;

/**
 * Flips the fuses of an Electron executable (a Linux binary, a Windows .exe, or a macOS .app) to `WANTED_FUSES`.
 * Every copy of the wire is flipped (a universal macOS binary has two). Throws when the binary has no fuse wire or
 * a wire too short for one of the wanted fuses.
 */
export async function flipAppFuses(binary: string, options: { resetAdHocDarwinSignature?: boolean } = {}): Promise<void> {
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: options.resetAdHocDarwinSignature ?? false,
    ...WANTED_FUSES,
  });
}

/** Reads the fuse wire of an Electron executable back and compares it with `WANTED_FUSES`. Never throws. */
export async function verifyFuses(binary: string): Promise<FuseReport> {
  let wire: Record<string, unknown>;
  try {
    wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, unknown>;
  } catch (err) {
    return { fuses: [], problems: [`cannot read the fuse wire of ${binary}: ${(err as Error).message}`] };
  }
  if (wire['version'] !== FuseVersion.V1) {
    return { fuses: [], problems: [`fuse wire version ${String(wire['version'])} is not the version 1 that @electron/fuses 1.8.0 knows`] };
  }
  const fuses: FuseReading[] = [];
  const problems: string[] = [];
  const indexes = Object.keys(wire)
    .filter((key) => /^\d+$/.test(key))
    .map(Number)
    .sort((a, b) => a - b);
  for (const index of indexes) {
    const wanted = Object.hasOwn(WANTED_FUSES, index) ? (WANTED_FUSES[index as FuseV1Options] ? 'on' : 'off') : null;
    fuses.push({ index, name: nameOf(index), state: describeState(wire[index] as number), wanted });
  }
  for (const [index, on] of wantedEntries()) {
    const state = wire[index] as number | undefined;
    const expected = on ? FUSE_ENABLED : FUSE_DISABLED;
    if (state !== expected) problems.push(`${nameOf(index)} is ${describeState(state)}, should be ${on ? 'on' : 'off'}`);
  }
  return { fuses, problems };
}
