import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../helpers.js';

// The consumer harness of issue 20: the two packed tarballs in an empty project that is not part of
// the workspace, as a developer meets them. One install serves every check.

const HERE = join(ROOT, 'test/consumers');
const PNPM = ['-y', 'pnpm@10.34.9'];

/** What one command printed, and how it ended: the tests assert `code` and show `output` on failure. */
export interface Run {
  code: number | null;
  output: string;
}

/** Runs a command in `cwd` without throwing; stdout and stderr are kept together, in order of arrival. */
export function run(cwd: string, command: string, args: readonly string[]): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 << 20 });
  return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** Runs a tool installed in the consumer app (`node_modules/.bin`). */
export function runBin(app: string, bin: string, args: readonly string[]): Run {
  return run(app, join(app, 'node_modules/.bin', bin), args);
}

/** The consumer app, installed: its folder and the two tarballs as `pnpm pack` made them. */
export interface ConsumerApp {
  app: string;
  tarballs: { extraction: string; certificates: string };
}

/**
 * Packs both packages (`pnpm pack`, as published: the workspace must be built), copies the committed
 * template (exact versions and a lockfile, so `npm ci` resolves the same tools everywhere), installs it,
 * then adds the tarballs with `npm install --no-save` (the lockfile stays the template's).
 * Needs the npm registry, or an npm cache that already holds the template's packages.
 */
export function prepareConsumerApp(work: string): ConsumerApp {
  const packDir = join(work, 'pack');
  mkdirSync(packDir, { recursive: true });
  const tarball = (pkg: string) => {
    execFileSync('npx', [...PNPM, 'pack', '--pack-destination', packDir], { cwd: join(ROOT, 'packages', pkg), stdio: 'pipe' });
    return join(packDir, readdirSync(packDir).find((f) => f.startsWith(`sne-toolbox-${pkg}-`) && f.endsWith('.tgz'))!);
  };
  const tarballs = { extraction: tarball('extraction'), certificates: tarball('certificates') };
  const app = join(work, 'app');
  cpSync(join(HERE, 'template'), app, { recursive: true });
  cpSync(join(HERE, 'app'), app, { recursive: true });
  // The typed examples of the repository, compiled against the tarballs as a developer copies them.
  cpSync(join(ROOT, 'examples', 'ts'), join(app, 'examples'), { recursive: true });
  const npm = (args: string[]) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, stdio: 'pipe' });
  npm(['ci']);
  npm(['install', '--no-save', tarballs.extraction, tarballs.certificates]);
  return { app, tarballs };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves a folder over http on 127.0.0.1 (module scripts do not load from file://). */
export async function serve(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Size of a file as a server would send it: gzip level 9, the figure the budgets use. */
export function gzipSize(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
