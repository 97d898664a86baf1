import noConsoleLog from './no-console-log.js';
import noCrossModuleImports from './no-cross-module-imports.js';
import noExternalCallInTransaction from './no-external-call-in-transaction.js';
import noHorizontalLayers from './no-horizontal-layers.js';
import noOffsetPagination from './no-offset-pagination.js';
import noUuidV4 from './no-uuid-v4.js';
import requireInputValidation from './require-input-validation.js';

/** The TypeScript rules, by name, alphabetical. */
export const rules = {
  'no-console-log': noConsoleLog,
  'no-cross-module-imports': noCrossModuleImports,
  'no-external-call-in-transaction': noExternalCallInTransaction,
  'no-horizontal-layers': noHorizontalLayers,
  'no-offset-pagination': noOffsetPagination,
  'no-uuid-v4': noUuidV4,
  'require-input-validation': requireInputValidation,
};
