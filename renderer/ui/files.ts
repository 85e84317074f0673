import { api, isDesktop } from '../api';

/**
 * The one way the renderer hands files to the user and takes files from them: the native dialogs in
 * the desktop app, a download or a file input in browser mode.
 */

export interface FileType {
  name: string;
  extensions: string[];
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Save `contentBase64` as a file the user names (desktop) or downloads (browser). Returns false if cancelled. */
export async function saveFile(
  suggestedName: string,
  contentBase64: string,
  mimeType: string,
  types: FileType[] = [],
): Promise<boolean> {
  if (isDesktop()) {
    const r = await api.host.saveFile({ suggestedName, contentBase64, filters: types });
    return r.saved;
  }
  const blob = new Blob([base64ToBytes(contentBase64) as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Let the user pick one file; resolves null when cancelled. */
export async function pickFile(accept: FileType[] = []): Promise<{ name: string; contentBase64: string } | null> {
  if (isDesktop()) return api.host.openFile({ filters: accept });
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      void file.arrayBuffer().then((buf) => resolve({ name: file.name, contentBase64: bytesToBase64(new Uint8Array(buf)) }));
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/**
 * A PDF of a printable HTML document: Electron's printToPDF on the desktop; in browser mode the
 * browser prints the same HTML (the user chooses "Save as PDF" in the print dialog).
 */
export async function savePdf(suggestedName: string, html: string): Promise<boolean> {
  if (isDesktop()) {
    const { contentBase64 } = await api.host.printToPdf({ html });
    return saveFile(suggestedName, contentBase64, 'application/pdf', [{ name: 'PDF', extensions: ['pdf'] }]);
  }
  printHtml(html);
  return true;
}

/**
 * Print an HTML document through a hidden frame (no scripts run in it). The frame carries the
 * document's title (frames need an accessible name) and is removed as soon as printing is over:
 * right after print() returns (or on `afterprint`, whichever comes first).
 */
export function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() || 'Painopiste';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = html;
  const remove = () => frame.remove();
  frame.addEventListener('load', () => {
    const win = frame.contentWindow;
    if (!win) return remove();
    win.addEventListener('afterprint', () => setTimeout(remove, 0), { once: true });
    win.print();
    // print() returns once the document has been handed to the print dialog (Chromium: when the
    // dialog closes; Firefox prints a snapshot it took at the call), so the frame can go.
    setTimeout(remove, 0);
  });
  document.body.appendChild(frame);
}
