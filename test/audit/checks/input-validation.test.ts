import { describe, expect, it } from 'vitest';

import inputValidation, { UNVALIDATED_ENDPOINT } from '../../../src/audit/checks/input-validation.js';
import { statusOf } from '../../../src/audit/checks/define-check.js';
import { contextWith, endpoint, finding } from './context.js';

const RULE = 'fortress/require-input-validation';
const read = { label: 'req.body', file: 'src/features/users/users.controller.ts', line: 12, column: 40 };

describe('input-validation check', () => {
  it('reports one finding per endpoint that reads unvalidated input, at the read', () => {
    const output = inputValidation.run(
      contextWith({ project: { endpoints: [endpoint({ method: 'POST', path: '/api/users', validated: false, unvalidatedInput: read })] } }),
    );
    expect(output.findings).toEqual([
      {
        ruleId: UNVALIDATED_ENDPOINT,
        severity: 'error',
        file: read.file,
        line: 12,
        column: 40,
        message: 'POST /api/users reads `req.body` without validation; parse it with a schema or add a validating middleware or pipe before the handler.',
      },
    ]);
    expect(statusOf(output.findings)).toBe('fail');
  });

  it('keeps the rule finding where the rule and the inventory see the same read, and the rule findings of other files', () => {
    const ruleFinding = finding({ ruleId: RULE, file: read.file, line: 12, column: 40, message: 'From the rule.' });
    const elsewhere = finding({ ruleId: RULE, file: 'src/features/orders/orders.routes.ts', line: 3 });
    const output = inputValidation.run(
      contextWith({
        ruleFindings: [elsewhere, ruleFinding, finding({ ruleId: 'fortress/no-console-log', line: 2 })],
        project: { endpoints: [endpoint({ method: 'POST', path: '/api/users', validated: false, unvalidatedInput: read })] },
      }),
    );
    expect(output.findings).toEqual([elsewhere, ruleFinding]);
  });

  it('reports a handler shared by two mounts once', () => {
    const output = inputValidation.run(
      contextWith({
        project: {
          endpoints: [
            endpoint({ method: 'POST', path: '/api/users', validated: false, unvalidatedInput: read }),
            endpoint({ method: 'POST', path: '/v1/users', validated: false, unvalidatedInput: read }),
          ],
        },
      }),
    );
    expect(output.findings).toHaveLength(1);
  });

  it('passes validated endpoints, endpoints without input and handlers it could not follow (near-misses)', () => {
    const output = inputValidation.run(
      contextWith({
        project: {
          endpoints: [
            endpoint({ method: 'POST', path: '/api/users', validatedBy: 'middleware validate(userSchema)' }),
            endpoint({ method: 'GET', path: '/api/users' }),
            endpoint({ method: 'PUT', path: '/api/users/:id', validated: false, handlerFound: false }),
          ],
        },
      }),
    );
    expect(output).toEqual({ findings: [] });
    expect(statusOf(output.findings)).toBe('pass');
  });

  it('outputs findings only (the inventory belongs to feature-slices)', () => {
    const output = inputValidation.run(contextWith({ project: { endpoints: [endpoint({ method: 'GET', path: '/' })] } }));
    expect(Object.keys(output)).toEqual(['findings']);
  });
});
