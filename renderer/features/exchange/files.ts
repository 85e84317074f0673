import type { FileType } from '../../ui/files';

/** Painopiste's exchange files (the extension the installers associate with the app). */
export const WGX_TYPES: FileType[] = [{ name: 'Painopiste', extensions: ['wgx'] }];
