import { defineConfig } from 'vite';

// Node entries run by plain Node: browser mode (the server and the backend) and the benchmarks.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/node',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: {
        browser: 'electron/browser.ts',
        backend: 'electron/backend-host/child.ts',
        bench: 'bench/index.ts',
        'profile-import': 'bench/profile-import.ts',
      },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
