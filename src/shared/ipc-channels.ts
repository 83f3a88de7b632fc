// IPC channel names, kept apart from the contract so the sandboxed preload bundles no schema library.

/** The single IPC channel for calls from the renderer to main. */
export const IPC_CHANNEL = 'workbench:call';
/** The channel main uses to push engine events to the renderer. */
export const IPC_EVENT_CHANNEL = 'workbench:event';
