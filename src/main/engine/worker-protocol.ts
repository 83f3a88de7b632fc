// Messages between a host and the engine worker thread.
import type { ErrorInfo } from '../../shared/errors';
import type { EngineMethod, EventName } from '../../shared/contract';

/** Host -> worker: call a method. */
export interface WorkerRequest {
  id: number;
  method: EngineMethod;
  input: unknown;
}

/** Worker -> host: a method's result, a method's error, or an event. */
export type WorkerMessage =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: ErrorInfo }
  | { kind: 'event'; event: EventName; payload: unknown };
