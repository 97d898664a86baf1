// The CLI's writes: a report file replaced atomically (temporary file in the same folder, then rename), and the
// progress line on stderr (a TTY only, and only once the run has taken more than a second).
import { randomBytes } from 'node:crypto';
import { rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';

import { CliError, firstLine } from './errors.js';

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new CliError(`cannot write ${file}: ${firstLine(error)}`);
  }
}

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Progress for a TTY after a second's delay; `done()` clears the line. Nothing at all on a non-TTY. */
export function progressLine(stream: ProgressStream, delayMs = 1000): { update: (done: number, total: number) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  if (stream.isTTY !== true) return { update: () => undefined, done: () => undefined };
  return {
    update(done, total) {
      if (Date.now() - started < delayMs) return;
      shown = true;
      stream.write(`\rfortress-audit: ${done}/${total} files parsed\u001B[K`);
    },
    done() {
      if (shown) stream.write('\r\u001B[K');
    },
  };
}
