import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a built bin (`extraction` or `certificates`) with node; the build must exist (`pnpm build`). */
export function runBin(pkg: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(process.execPath, [`${ROOT}packages/${pkg}/dist/bin.js`, ...args], { encoding: 'utf8', ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr), signal: result.signal };
}

/**
 * Packs a workspace package as it would be published and installs the tarball in an empty folder
 * (dependencies from the npm registry). Returns the app folder, the tarball's file list, and a runner
 * for an ES module written into the app.
 */
export function packAndInstall(pkg: string, workDir: string) {
  const packDir = mkdtempSync(join(workDir, 'pack-'));
  execFileSync('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', packDir], { cwd: join(ROOT, 'packages', pkg), stdio: 'pipe' });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const app = mkdtempSync(join(workDir, 'app-'));
  writeFileSync(join(app, 'package.json'), '{"name":"app","private":true,"type":"module"}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'pipe' });
  return {
    app,
    files: execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }),
    bin: (name: string, args: string[]) => spawnSync(join(app, 'node_modules/.bin', name), args, { encoding: 'utf8' }),
    runModule(source: string): string {
      writeFileSync(join(app, 'use.mjs'), source);
      return execFileSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' }).trim();
    },
  };
}
