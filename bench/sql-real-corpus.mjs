// The real-shape corpus of bench/sql-real-vs-squawk.mjs: the `.sql` migration folders of public projects, pinned by
// commit. Only the pins are committed; the files are fetched into a folder of your choice.
// Usage: node bench/sql-real-corpus.mjs --out <dir> [--sources <dir>]
//   Writes <dir>/<owner>+<name>/<path>/… (only the `.sql` files under each pinned path).
//   --sources: a folder holding, per repository, `<owner>+<name>/` as an extracted tree at the pin, or a git
//   directory (`<owner>+<name>/repo` or `<owner>+<name>` itself, bare) that has the pinned commit. Without it, or for a
//   repository not there, the pinned commit is fetched from GitHub (`git fetch --depth 1 origin <commit>` into a
//   temporary bare repository) and the path extracted with `git archive`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Repository, commit, and the migration folders linted (each a set: Prisma's `<timestamp>_<name>/migration.sql`). */
export const SQL_CORPUS_PINS = [
  { repo: 'documenso/documenso', commit: '75330166cc00b29c14399bc2e391e4b4d8080c00', paths: ['packages/prisma/migrations'] },
  { repo: 'formbricks/formbricks', commit: 'b66c1dd978af618a0e402bd3343b456bed68594c', paths: ['packages/database/migration'] },
  { repo: 'hoppscotch/hoppscotch', commit: 'afc2cf181c16e56647b099e5d18cfe55710c6cdd', paths: ['packages/hoppscotch-backend/prisma/migrations'] },
  { repo: 'gothinkster/node-express-realworld-example-app', commit: '30b68e1e881462b2f4164ea09ab4c4f5699c7b0b', paths: ['src/prisma/migrations'] },
  { repo: 'langfuse/langfuse', commit: '62751446149b702b419a9292ddfc2280cdf74b8c', paths: ['packages/shared/prisma/migrations'] },
  { repo: 'triggerdotdev/trigger.dev', commit: 'b082e44389337dc6505d590737a6df70867cc8f4', paths: ['internal-packages/database/prisma/migrations'] },
];

const git = (args, options = {}) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });

/** Removes every file but `.sql` ones under `dir` (git archive extracts the whole path). */
function keepSqlOnly(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) keepSqlOnly(file);
    else if (!entry.name.endsWith('.sql')) rmSync(file);
  }
}

function extractFromGit(gitDir, commit, paths, target) {
  mkdirSync(target, { recursive: true });
  const tar = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, ...paths], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', target], { input: tar });
}

function gitDirIn(dir) {
  for (const candidate of [path.join(dir, 'repo'), path.join(dir, '.git'), dir]) {
    if (existsSync(path.join(candidate, 'HEAD')) && existsSync(path.join(candidate, 'objects'))) return candidate;
  }
  return undefined;
}

export function writeSqlCorpus(out, sources) {
  for (const { repo, commit, paths } of SQL_CORPUS_PINS) {
    const slug = repo.replace('/', '+');
    const target = path.join(out, slug);
    if (existsSync(target)) continue;
    const source = sources ? path.join(sources, slug) : undefined;
    const gitDir = source && existsSync(source) ? gitDirIn(source) : undefined;
    if (gitDir) {
      extractFromGit(gitDir, commit, paths, target);
    } else if (source && paths.every((p) => existsSync(path.join(source, p)))) {
      for (const p of paths) cpSync(path.join(source, p), path.join(target, p), { recursive: true });
    } else {
      const bare = mkdtempSync(path.join(tmpdir(), 'sql-corpus-'));
      try {
        git(['init', '--bare', '-q', bare]);
        git(['--git-dir', bare, 'fetch', '-q', '--depth', '1', `https://github.com/${repo}.git`, commit]);
        extractFromGit(bare, commit, paths, target);
      } finally {
        rmSync(bare, { recursive: true, force: true });
      }
    }
    keepSqlOnly(target);
  }
}

/** The `.sql` files under `dir`, recursively. */
export function sqlFilesUnder(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sqlFilesUnder(file));
    else if (entry.name.endsWith('.sql') && statSync(file).isFile()) files.push(file);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const out = option('--out');
  if (!out) {
    process.stderr.write('usage: node bench/sql-real-corpus.mjs --out <dir> [--sources <dir>]\n');
    process.exit(2);
  }
  writeSqlCorpus(path.resolve(out), option('--sources') && path.resolve(option('--sources')));
  process.stdout.write(`${sqlFilesUnder(path.resolve(out)).length} .sql files in ${out}\n`);
}
