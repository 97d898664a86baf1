#!/usr/bin/env node
// The `fortress-audit` binary (package.json `bin`): runs the CLI on the process's argv and streams.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
