// IPC channel names, kept apart from the contract so the sandboxed preload bundles no schema library.

/** The single IPC channel for calls from the renderer to main. */
export const IPC_CHANNEL = 'workbench:call';
/** The channel main uses to push engine events to the renderer. */
export const IPC_EVENT_CHANNEL = 'workbench:event';
/**
 * Preload tells main which files were dropped: paths it took from real File objects (`webUtils.getPathForFile`),
 * which main then lets the renderer name for reading. Only preload uses it; the renderer has no ipcRenderer.
 */
export const IPC_GRANT_CHANNEL = 'workbench:grant-dropped';
