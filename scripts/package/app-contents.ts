// What the packaged app.asar holds: the built app and the runtime dependencies, never the browser test harness
// and never the benchmark-only optional dependency (better-sqlite3) or what it pulls in. packaging leaves them out
// (`excludedFromApp`) and checks what it built (`checkAppAsar`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listPackage } from '@electron/asar';

/** Files of out/ that have no place in a user's app: the browser test harness page and its shim, source maps. */
const EXCLUDED_FILES = ['!out/renderer/harness.html', '!out/renderer/assets/harness-*.js', '!**/*.map'];

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** Finds a package's folder as Node would, from the folder of the package that depends on it up to the repository. */
function findPackage(name: string, fromDir: string, repo: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === repo || dirname(dir) === dir) return null;
  }
}

/** The names of every package reachable from the given ones through `dependencies` (and installed optional ones). */
export function dependencyClosure(repo: string, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string): void => {
    const dir = findPackage(name, fromDir, repo);
    if (dir === null || seen.has(name)) return;
    seen.add(name);
    const pkg = readJson(join(dir, 'package.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dir);
  };
  for (const root of roots) visit(root, repo);
  return seen;
}

/** What the app needs at run time: the closure of package.json `dependencies` (optionalDependencies are benchmarks). */
export function runtimeModules(repo: string): Set<string> {
  return dependencyClosure(repo, Object.keys(readJson(join(repo, 'package.json')).dependencies ?? {}));
}

/** electron-builder `files` patterns that leave out the harness, source maps and the packages only optional deps need. */
export function excludedFromApp(repo: string): string[] {
  const runtime = runtimeModules(repo);
  const optional = dependencyClosure(repo, Object.keys(readJson(join(repo, 'package.json')).optionalDependencies ?? {}));
  const benchOnly = [...optional].filter((name) => !runtime.has(name)).sort();
  return [...EXCLUDED_FILES, ...benchOnly.map((name) => `!**/node_modules/${name}/**`)];
}

/** Entries of the app the packaged app must have, or it cannot start. */
const REQUIRED = ['package.json', 'out/main/index.js', 'out/main/worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** The packages a path lies in (every `node_modules/<name>` or `node_modules/@scope/<name>` segment). */
function modulesOf(path: string): string[] {
  const parts = path.split('/');
  const names: string[] = [];
  parts.forEach((part, i) => {
    const first = parts[i + 1];
    if (part !== 'node_modules' || first === undefined) return;
    const second = parts[i + 2];
    if (!first.startsWith('@')) names.push(first);
    else if (second !== undefined) names.push(`${first}/${second}`);
  });
  return names;
}

/**
 * Problems with the entries of a packaged app (paths relative to the app root); empty when it is fine: the harness
 * page or shim, a source map, a package that is not a runtime dependency, or a missing entry point.
 */
export function appContentProblems(entries: readonly string[], runtime: ReadonlySet<string>): string[] {
  const paths = [...new Set(entries.map((entry) => entry.replace(/\\/g, '/').replace(/^\/+/, '')))];
  const problems: string[] = [];
  const strangers = new Set<string>();
  for (const path of paths) {
    if (/(^|\/)harness\.html$/.test(path)) problems.push(`${path} is in the packaged app: the browser test harness page must be left out`);
    else if (/^out\/renderer\/assets\/harness-[^/]*\.js$/.test(path)) problems.push(`${path} is in the packaged app: the browser test harness shim must be left out`);
    else if (/\.map$/.test(path)) problems.push(`${path} is in the packaged app: source maps are left out`);
    for (const module of modulesOf(path)) if (!runtime.has(module)) strangers.add(module);
  }
  for (const module of [...strangers].sort()) problems.push(`node_modules/${module} is in the packaged app but is not a runtime dependency`);
  for (const path of REQUIRED) if (!paths.includes(path)) problems.push(`${path} is missing from the packaged app`);
  return problems;
}

/** Reads the entries of a packaged app.asar and checks them. */
export function checkAppAsar(asarPath: string, runtime: ReadonlySet<string>): string[] {
  return appContentProblems(listPackage(asarPath, { isPack: false }), runtime);
}
