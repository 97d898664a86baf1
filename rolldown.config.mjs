// The plugin's entry, dist/index.js, as one module: tsc compiles src/ to dist/ (one file per module), then this
// bundles the entry and the modules it imports into dist/index.js, in place. ESLint loads the entry in every run and
// every editor session: one module instead of ~55 saves Node's ESM loader ~30 ms per run (docs/performance.md).
// Packages stay imports (loaded from node_modules); the other files in dist/ are kept for deep imports in tests.
export default {
  input: 'dist/index.js',
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  output: { file: 'dist/index.js', format: 'esm', sourcemap: true },
};
