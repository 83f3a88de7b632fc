// A fake engine client for the renderer's store tests: every method rejects like an engine without it, unless the
// test gives it an answer; calls are recorded so tests can check what the stores asked for.
import { vi } from 'vitest';
import type { WorkbenchApi } from '../../../src/shared/contract';
import { workbenchMethodNames } from '../../../src/shared/method-names';

type Methods = Omit<WorkbenchApi, 'onEvent' | 'pathsForFiles'>;

/** A fake `window.workbench` with the given methods; installs it on a minimal global `window`. */
export function installFakeApi(overrides: Partial<{ [M in keyof Methods]: (input: Parameters<Methods[M]>[0]) => unknown }> = {}): WorkbenchApi {
  const api: Record<string, unknown> = {};
  for (const name of workbenchMethodNames) {
    const given = (overrides as Record<string, ((input: unknown) => unknown) | undefined>)[name];
    api[name] = vi.fn(async (input: unknown) => {
      if (given === undefined) throw { code: 'INTERNAL', message: `${name} is not faked` };
      return given(input);
    });
  }
  api.onEvent = vi.fn(() => () => undefined);
  api.pathsForFiles = vi.fn(async () => []);
  const bridge = api as unknown as WorkbenchApi;
  (globalThis as unknown as { window: { workbench: WorkbenchApi } }).window = { workbench: bridge };
  return bridge;
}

/** Lets pending promise callbacks (the stores' fire-and-forget fetches) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
