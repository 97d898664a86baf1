// The published entry points, each as one module: tsc compiles src/ to dist/ (one file per module), then this
// bundles each entry and the modules it imports into that one file, in place. ESLint loads the plugin entry in every
// run and every editor session: one module instead of ~55 saves Node's ESM loader ~30 ms per run (docs/performance.md).
// Packages stay imports (loaded from node_modules). The package ships only the bundles (package.json `files`); the
// other files in dist/ are kept for deep imports in tests.
//
// - dist/index.js: the plugin.
// - dist/cli/index.js: the `fortress-audit` bin, when src/cli exists. It imports the plugin bundle (dist/index.js)
//   instead of inlining a second copy: the plugin reads ../package.json relative to its own file.
// Rolldown builds the entries of this array one after the other, so the CLI sees the plugin already bundled.
import { existsSync } from 'node:fs';
import path from 'node:path';

const pluginEntry = path.resolve('dist/index.js');
const cliEntry = path.resolve('dist/cli/index.js');
const isPackage = (id) => !id.startsWith('.') && !path.isAbsolute(id);

const bundle = (file, isExternal) => ({
  input: file,
  platform: 'node',
  external: isExternal,
  output: { file, format: 'esm', sourcemap: true, codeSplitting: false },
});

export default [
  bundle('dist/index.js', isPackage),
  ...(existsSync(cliEntry)
    ? [
        bundle('dist/cli/index.js', (id, importer) =>
          isPackage(id) || (importer !== undefined && path.resolve(path.dirname(importer), id) === pluginEntry) || id === pluginEntry,
        ),
      ]
    : []),
];
