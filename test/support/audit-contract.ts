// The public JSON contract of fortress-audit (../shared/DESIGN.md, "fortress-audit JSON report") as a zod schema,
// written from the design document rather than derived from src/audit/types.ts: a change to the types that breaks
// the contract fails the tests that parse reports with it.
import { z } from 'zod';

const finding = z.object({
  ruleId: z.string().min(1),
  severity: z.enum(['error', 'warning']),
  file: z.string().refine((file) => !file.startsWith('/') && !file.includes('\\') && !/^[A-Za-z]:/.test(file), 'relative posix path'),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive().optional(),
  endColumn: z.number().int().positive().optional(),
  message: z.string().min(1),
});

export const auditReportSchema = z.object({
  tool: z.object({ name: z.literal('fortress-audit'), version: z.string().min(1) }),
  summary: z.object({ errors: z.number().int().nonnegative(), warnings: z.number().int().nonnegative() }),
  checks: z
    .array(
      z.object({
        id: z.enum(['feature-slices', 'input-validation', 'indexes', 'primary-keys', 'secrets']),
        title: z.string().min(1),
        status: z.enum(['pass', 'warn', 'fail']),
        findings: z.array(finding),
      }),
    )
    .refine((checks) => checks.map((check) => check.id).join() === 'feature-slices,input-validation,indexes,primary-keys,secrets', 'the five checks in order'),
  endpoints: z.array(
    z.object({
      method: z.string().min(1),
      path: z.string().min(1),
      file: z.string(),
      line: z.number().int().positive(),
      slice: z.string().nullable(),
      validated: z.boolean(),
    }),
  ),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      primaryKey: z
        .object({
          columns: z.array(z.string()),
          type: z.string().nullable(),
          default: z.string().nullable(),
          verdict: z.enum(['pass', 'warn', 'fail']),
        })
        .nullable(),
    }),
  ),
  modules: z.array(z.object({ name: z.string(), dependsOn: z.array(z.string()) })).optional(),
  notices: z.array(z.object({ file: z.string().nullable(), message: z.string() })).optional(),
  baseline: z
    .object({
      file: z.string(),
      suppressed: z.number().int().nonnegative(),
      stale: z.array(z.object({ ruleId: z.string(), file: z.string(), message: z.string(), count: z.number().int().positive() })),
    })
    .optional(),
});
