// Test code: test files and fixture folders, where fake credentials and throwaway tables are the norm.
import picomatch from 'picomatch';

import { TEST_FILE_GLOBS } from '../../rules/utils/source-path.js';

const TEST_CODE_GLOBS = [...TEST_FILE_GLOBS, '**/fixtures/**', '**/__fixtures__/**', '**/testdata/**', '**/__mocks__/**', '**/e2e/**'];

/** Whether a relative posix path is test code (`*.test.*`, `*.spec.*`, `test/`, `tests/`, `__tests__/`, fixtures…). */
export const isTestCode: (file: string) => boolean = picomatch(TEST_CODE_GLOBS, { dot: true });
