// One process under GNU time (`/usr/bin/time -f '%e %U %S %M'`), for the benchmarks that compare whole processes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Runs `command args` in `cwd` under GNU time, which writes its figures to `timeFile`. Returns the wall time (s), the
 * CPU time (user + sys, s), the peak RSS (MB), the exit status and the standard output.
 */
export function measure(command, args, cwd, timeFile) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const [wall, user, sys, kilobytes] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number);
  return { seconds: wall, wall, cpu: user + sys, peakMb: kilobytes / 1024, status: result.status, stdout: result.stdout };
}
