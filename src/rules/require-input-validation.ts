// Placeholder: replaced by the real rule.
import { createRule } from '../util/create-rule.js';

export default createRule({
  name: 'require-input-validation',
  meta: {
    type: 'problem',
    docs: { description: 'Placeholder', recommended: true },
    messages: { placeholder: 'Placeholder.' },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
