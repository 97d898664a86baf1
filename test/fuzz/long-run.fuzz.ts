// The long fuzz run (`npm run fuzz -- --minutes 30 [--out dir] [--seed n]`, see scripts/fuzz.mjs and
// docs/reliability.md). Not part of `npm test` (its name does not end in .test.ts). It runs the properties of
// properties.ts with the long sizes and a new seed per batch, round-robin, until the time is up; fast-check shrinks
// each failure, which is saved under the output folder with its seed and path; a summary goes to summary.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';

import { cleanupFuzzDirs, fuzzProperties, type FuzzProperty } from './properties.js';

const minutes = Number(process.env.FUZZ_MINUTES ?? '1');
const out = path.resolve(process.env.FUZZ_OUT ?? 'fuzz-failures');
const firstSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Runs per batch (one seed per batch). */
const BATCH = Number(process.env.FUZZ_BATCH ?? '10');

// Removing the long run's work folder (thousands of generated migration sets) can take over vitest's 10 s hook default.
afterAll(cleanupFuzzDirs, 300_000);

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);

interface Stats {
  runs: number;
  batches: number;
  failures: Array<{ seed: number; path: string; error: string; saved: string }>;
}

function save(p: FuzzProperty, seed: number, details: fc.RunDetails<[unknown]>): Stats['failures'][number] {
  const input = details.counterexample![0];
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const saved = path.join(out, slug(p.name), `seed-${seed}`);
  mkdirSync(saved, { recursive: true });
  const record = { property: p.name, seed, path: details.counterexamplePath, error: error.slice(0, 4000), input };
  writeFileSync(path.join(saved, 'failure.json'), JSON.stringify(record, null, 2) + '\n');
  for (const [name, content] of Object.entries(p.files?.(input) ?? {})) {
    const file = path.join(saved, 'files', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { seed, path: details.counterexamplePath ?? '', error: error.split('\n')[0]!.slice(0, 300), saved };
}

it('long fuzz run', () => {
  const deadline = Date.now() + minutes * 60_000;
  const properties = fuzzProperties('long');
  const stats = new Map<string, Stats>(properties.map((p) => [p.name, { runs: 0, batches: 0, failures: [] }]));
  mkdirSync(out, { recursive: true });
  let seed = firstSeed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
  // Each property gets an equal slice of time per round (cheap properties get many batches, slow ones few), about
  // five rounds in the run, between 5 s and 60 s per slice.
  const slice = Math.min(60_000, Math.max(5_000, (minutes * 60_000) / (properties.length * 5)));
  let round = 0;
  do {
    for (const p of properties) {
      // Every property runs at least one batch (even with --minutes 0); after that, the deadline ends the run.
      if (round > 0 && Date.now() >= deadline) break;
      const sliceEnd = Math.min(deadline, Date.now() + slice);
      const entry = stats.get(p.name)!;
      do {
        const details = fc.check(fc.property(p.arbitrary, p.check), {
          seed,
          numRuns: BATCH,
          // Bounds a batch and its shrinking; a batch that starts before the deadline may end up to this much later.
          interruptAfterTimeLimit: Math.min(Math.max(deadline - Date.now(), 60_000), 300_000),
          markInterruptAsFailure: false,
        });
        entry.runs += details.numRuns;
        entry.batches++;
        if (details.failed && details.counterexample) entry.failures.push(save(p, seed, details));
        seed = (seed + 0x9e3779b9) >>> 0;
      } while (Date.now() < sliceEnd);
    }
    round++;
  } while (Date.now() < deadline);
  const summary = { minutes, out, properties: Object.fromEntries(stats) };
  writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  expect(stats.size).toBeGreaterThan(0);
});
