import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL, BACKEND_EVENT_CHANNEL, CANCEL_CHANNEL, PROGRESS_CHANNEL } from './channels';

/**
 * The only bridge between the page and the app, and deliberately tiny: no contract, no schemas, no
 * libraries. The main process checks the sender and refuses unknown methods; the renderer builds its
 * typed client from the contract's types (renderer/api.ts).
 */
const invoke = (method: string, input: unknown, callId?: string): Promise<unknown> =>
  ipcRenderer.invoke(API_CHANNEL, String(method), input, callId === undefined ? undefined : String(callId));

contextBridge.exposeInMainWorld('painopiste', {
  host: 'electron',
  invoke,
  cancel: (callId: string) => ipcRenderer.invoke(CANCEL_CHANNEL, String(callId)),
  onProgress: (listener: (callId: string, progress: unknown) => void) => {
    const l = (_e: unknown, callId: string, progress: unknown) => listener(callId, progress);
    ipcRenderer.on(PROGRESS_CHANNEL, l);
    return () => void ipcRenderer.removeListener(PROGRESS_CHANNEL, l);
  },
  onBackendEvent: (listener: (event: unknown) => void) => {
    const l = (_e: unknown, event: unknown) => listener(event);
    ipcRenderer.on(BACKEND_EVENT_CHANNEL, l);
    return () => void ipcRenderer.removeListener(BACKEND_EVENT_CHANNEL, l);
  },
  saveFile: (input: unknown) => invoke('host.saveFile', input),
  openFile: (input: unknown) => invoke('host.openFile', input),
  printToPdf: (input: unknown) => invoke('host.printToPdf', input),
});
