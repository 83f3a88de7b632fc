// Child processes measured from the outside: wall time from here, peak memory from the OS. `/usr/bin/time -v`
// reports the child's "Maximum resident set size" (getrusage's ru_maxrss, the kernel's high-water mark of its
// resident memory, the same figure as VmHWM in /proc/<pid>/status), which includes the WebAssembly heap that
// process.memoryUsage() inside the process would only partly show.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What a measured child did. */
export interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident set size in bytes, or null when /usr/bin/time is missing. */
  peakRss: number | null;
}

const TIME = '/usr/bin/time';

/** Runs a command to completion under `/usr/bin/time -v` when it is there. */
export function runMeasured(command: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const useTime = existsSync(TIME);
  const [cmd, argv] = useTime ? [TIME, ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ code: code ?? -1, stdout, stderr, seconds, peakRss: match ? Number(match[1]) * 1024 : null });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** The last few lines of a child's stderr, for a message that says why it failed. */
export function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}
