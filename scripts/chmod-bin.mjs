// After the build: the CLI entry is executable, so `npx fortress-audit` and a linked bin run it directly
// (npm also sets the mode when it installs the package; a `npm link` or a symlinked checkout does not).
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/cli/index.js', import.meta.url), 0o755);
