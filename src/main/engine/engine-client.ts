// How hosts (Electron main, CLI, harness) talk to an engine: in this process, or in a worker thread.
import type { EngineContract, EngineMethod, EventName, EventPayload, InputOf, OutputOf } from '../../shared/contract';
import { Engine, type EngineOptions } from './engine';

/** A listener for every engine event. */
export type AnyEventListener = (event: EventName, payload: EventPayload<EventName>) => void;

/** The one interface hosts use, whatever thread the engine runs on. */
export interface EngineClient {
  call<M extends EngineMethod>(method: M, input: InputOf<EngineContract, M>): Promise<OutputOf<EngineContract, M>>;
  onEvent(listener: AnyEventListener): () => void;
  /** Asks a running import to stop (it then changes nothing). Works across threads; a no-op when none runs. */
  cancelIngest(): void;
  dispose(): Promise<void>;
}

/** Fans events out to listeners. */
export class Listeners {
  private readonly set = new Set<AnyEventListener>();

  add(listener: AnyEventListener): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(event: EventName, payload: EventPayload<EventName>): void {
    for (const listener of this.set) listener(event, payload);
  }
}

/** An engine in the calling thread: for the CLI (which has no UI to keep responsive) and for tests. */
export function inProcessEngine(options: EngineOptions = {}): EngineClient {
  const listeners = new Listeners();
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const engine = new Engine((event, payload) => listeners.emit(event, payload), { ...options, cancelFlag });
  return {
    call: (method, input) => engine.call(method, input),
    onEvent: (listener) => listeners.add(listener),
    // In this thread an import runs to its end before anything else can run; a listener may still cancel it.
    cancelIngest: () => Atomics.store(cancelFlag, 0, 1),
    dispose: async () => {
      await engine.call('close', {});
    },
  };
}
