import type { ApiResult } from './core';
import type { CallProgress } from './calls';

/** What the Electron preload exposes as `window.painopiste` (electron/preload.ts). Types only. */
export interface PainopisteBridge {
  /** 'in-process': the renderer tests' bridge straight to a backend in the same process. */
  host: 'electron' | 'in-process';
  invoke(method: string, input: unknown, callId?: string): Promise<ApiResult<unknown>>;
  cancel(callId: string): Promise<void>;
  onProgress(listener: (callId: string, progress: CallProgress) => void): () => void;
  onBackendEvent(listener: (event: { type: 'stopped' | 'restarted' | 'failed'; sentence: string }) => void): () => void;
  saveFile(input: unknown): Promise<ApiResult<unknown>>;
  openFile(input: unknown): Promise<ApiResult<unknown>>;
  printToPdf(input: unknown): Promise<ApiResult<unknown>>;
}
