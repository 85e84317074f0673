import { defineConfig } from 'vite';

// The Electron main process as one CommonJS file; better-sqlite3 (native) stays in node_modules.
export default defineConfig({
  ssr: { noExternal: true, external: ['electron', 'better-sqlite3'] },
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { main: 'electron/main.ts', backend: 'electron/backend-host/child.ts' },
      external: ['electron', 'better-sqlite3'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});
