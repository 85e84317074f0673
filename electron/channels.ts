/**
 * The IPC channel names between the preload and the main process. Constants only: the preload
 * bundles this file and nothing else of ours.
 */
/** invoke(method, input, callId?) → the result envelope. */
export const API_CHANNEL = 'painopiste:api';
/** invoke(callId) → cancels the call sent with that id (where cancelling is safe). */
export const CANCEL_CHANNEL = 'painopiste:cancel';
/** main → page: (callId, progress) for calls sent with an id. */
export const PROGRESS_CHANNEL = 'painopiste:progress';
/** main → page: the backend stopped / is running again / failed (a sentence to show). */
export const BACKEND_EVENT_CHANNEL = 'painopiste:backend';
