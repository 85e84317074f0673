/**
 * The layers of Painopiste, checked by tests/unit/layering.test.ts as part of `npm test`
 * (README, "How it is built"). Each rule says why it exists.
 */
module.exports = {
  forbidden: [
    {
      name: 'renderer-not-electron',
      comment: 'The renderer reaches data only through window.api (shared/contract); it never imports electron/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/' },
    },
    {
      name: 'backend-not-renderer',
      comment: 'The backend is plain Node: it never imports the renderer (React, the store, its features).',
      severity: 'error',
      from: { path: '^electron/backend/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'backend-not-host',
      comment:
        'The backend never imports the Electron host (main, preload, menu, the browser-mode server, the ' +
        'backend host): everything in electron/ outside electron/backend/.',
      severity: 'error',
      from: { path: '^electron/backend/' },
      to: { path: '^electron/', pathNot: '^electron/backend/' },
    },
    {
      name: 'backend-not-electron-package',
      comment: 'Only the host may load the electron package; the backend runs in plain Node and in tests.',
      severity: 'error',
      from: { path: '^(electron/backend|shared|renderer)/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ is read by both sides: it imports neither electron/ nor renderer/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'no-cycles',
      comment: 'No module imports itself through others (a cycle makes load order and ownership unclear).',
      severity: 'error',
      from: { path: '^(electron|renderer|shared)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
