import { defineConfig } from 'vite';

// A sandboxed preload may require nothing but 'electron': one self-contained CommonJS file.
export default defineConfig({
  ssr: { noExternal: true, external: ['electron'] },
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'node20',
    rollupOptions: {
      input: { preload: 'electron/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
