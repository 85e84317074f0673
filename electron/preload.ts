import { contextBridge, ipcRenderer } from 'electron';
import { envelopeApi } from '../shared/contract/client';

/**
 * The only bridge between the page and the app: `window.api.<namespace>.<method>(input)` for each
 * contract method (the allow-list is the contract itself), each one IPC invoke on one channel.
 */
const api = envelopeApi((method, input) => ipcRenderer.invoke('painopiste:api', method, input));
contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('painopisteHost', 'electron');
