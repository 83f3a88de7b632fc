// Messages between the browser harness shim (in the page) and the harness server.
// Kept free of Node imports: the renderer-side shim uses these types too.

/** Page -> server. */
export type HarnessRequest =
  | { id: number; type: 'call'; method: string; input: unknown }
  | { id: number; type: 'upload'; name: string; data: string /* base64 */ };

/** Server -> page. */
export type HarnessReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: unknown }
  | { type: 'event'; event: string; payload: unknown };
