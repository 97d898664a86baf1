// The parser is compiled eagerly with V8's baseline compiler only, and V8's defaults are set back right after
// (withoutWasmTierUp in src/sql/parser.ts): the parser must stay on its baseline code however often it runs, and other
// WebAssembly in the process must still tier up to TurboFan. Checked in a child node with V8's test natives
// (%IsTurboFanFunction) on the BUILT parser; the other module is compiled after the parser ran.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const parserUrl = pathToFileURL(path.join(root, 'dist/sql/parser.js')).href;

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD_MODULE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11];

/**
 * Runs `setup` (which defines `fn`, a WebAssembly function, and `work()`, which calls it) in a child node, then calls
 * `work()` until V8 has tiered `fn` up (true) or `waitMs` have passed (false).
 */
function tiersUp(setup: string, flags: string[], waitMs: number): { tieredUp: boolean; stderr: string } {
  const script = `
    import { parseSql, scanSql, sqlParserEntryPoint } from ${JSON.stringify(parserUrl)};
    ${setup}
    const until = Date.now() + ${waitMs};
    while (!%IsTurboFanFunction(fn) && Date.now() < until) {
      work();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    process.stdout.write(JSON.stringify(%IsTurboFanFunction(fn)));
  `;
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', ...flags, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  return { tieredUp: JSON.parse(run.stdout || 'null') as boolean, stderr: run.stderr };
}

/** Whether a module compiled after `before` ran (parses, usually) tiers up. */
function otherModuleTiersUp(before: string, flags: string[] = [], waitMs = 5000): { tieredUp: boolean; stderr: string } {
  const setup = `
    ${before}
    const { add: fn } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(ADD_MODULE)}))).exports;
    let sum = 0;
    const work = () => { for (let i = 0; i < 100000; i++) sum = fn(sum, i) | 0; };
  `;
  return tiersUp(setup, flags, waitMs);
}

/** Whether the parser's entry point tiers up, however often it parses. */
function parserTiersUp(flags: string[] = [], waitMs = 3000): { tieredUp: boolean; stderr: string } {
  const setup = `
    parseSql('SELECT 1;');
    const fn = sqlParserEntryPoint();
    const work = () => { for (let i = 0; i < 200; i++) parseSql('SELECT 1; SELECT 2;'); };
  `;
  return tiersUp(setup, flags, waitMs);
}

describe('WebAssembly tier-up around the parser', () => {
  it('the parser stays on its baseline code however often it runs', () => {
    expect(parserTiersUp()).toEqual({ tieredUp: false, stderr: '' });
  });

  it('the parser tiers up as V8 decides under node flags of the user (the probe works)', () => {
    expect(parserTiersUp(['--wasm-tiering-budget=1800000'], 10_000)).toEqual({ tieredUp: true, stderr: '' });
  });

  it('another module tiers up when nothing was parsed (the probe works)', () => {
    expect(otherModuleTiersUp('')).toEqual({ tieredUp: true, stderr: '' });
  });

  it('another module still tiers up after parses, a syntax error and a scan', () => {
    const before = `
      parseSql('CREATE TABLE a (id bigint PRIMARY KEY);\\nALTER TABLE a ADD COLUMN b text;');
      parseSql('SELECT FROM WHERE;');
      parseSql('SELECT 1;\\n'.repeat(20000));
      scanSql("SELECT 'x' -- comment");
    `;
    expect(otherModuleTiersUp(before)).toEqual({ tieredUp: true, stderr: '' });
  });

  it('leaves a node started with --liftoff-only as it was: nothing tiers up, no flag warning', () => {
    expect(otherModuleTiersUp("parseSql('SELECT 1;');", ['--liftoff-only'], 1500)).toEqual({ tieredUp: false, stderr: '' });
  });
});
