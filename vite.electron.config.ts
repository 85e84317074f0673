import { defineConfig } from 'vite';

// The Electron main process and the backend host as CommonJS; better-sqlite3 and @resvg/resvg-js (native) stay in node_modules.
export default defineConfig({
  ssr: { noExternal: true, external: ['electron', 'better-sqlite3', '@resvg/resvg-js'] },
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { main: 'electron/main.ts', backend: 'electron/backend-host/child.ts' },
      external: ['electron', 'better-sqlite3', '@resvg/resvg-js'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});
