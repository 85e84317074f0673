import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: one static bundle served by app:// in Electron and by the browser-mode server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    sourcemap: false,
  },
});
