import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a built bin (`extraction` or `certificates`) with node; the build must exist (`pnpm build`). */
export function runBin(pkg: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(process.execPath, [`${ROOT}packages/${pkg}/dist/bin.js`, ...args], { encoding: 'utf8', ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr), signal: result.signal };
}
