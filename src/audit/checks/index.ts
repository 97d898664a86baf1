// The five checks, in the order of the Cognitive Audit Cycle (guideline 000).
import type { CheckId } from '../types.js';
import type { Check } from './check.js';
import featureSlices from './feature-slices.js';
import indexes from './indexes.js';
import inputValidation from './input-validation.js';
import primaryKeys from './primary-keys.js';
import secrets from './secrets.js';

export const checks: ReadonlyMap<CheckId, Check> = new Map<CheckId, Check>([
  ['feature-slices', featureSlices],
  ['input-validation', inputValidation],
  ['indexes', indexes],
  ['primary-keys', primaryKeys],
  ['secrets', secrets],
]);
