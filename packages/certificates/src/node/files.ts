import { basename, join, resolve } from 'node:path';
import { checkPlan, FileError, readBounded, readFirstLine, writeFileSet } from '@sne-toolbox/node-io';
import type { BundleInput } from '../core/bundle.js';
import { CertificateError, type CertificateErrorCode } from '../core/errors.js';
import type { ExportedFile } from '../core/export.js';
import { MAX_INPUT_BYTES } from '../core/limits.js';

/** Largest input read (the core's bound), counted on the bytes read, not on `stat`. */
export { MAX_INPUT_BYTES };

/** A file-safety error of the shared Node layer, as this package's error (same code and message). */
export function asCertificateError(error: unknown): unknown {
  if (!(error instanceof FileError)) return error;
  const code: CertificateErrorCode = error.code === 'OUTPUT_CONFLICT' ? 'USAGE' : error.code;
  return new CertificateError(code, error.message, { cause: error, ...(error.path ? { file: error.path } : {}), ...(error.hint ? { hint: error.hint } : {}) });
}

/** Reads input files, each bounded to {@link MAX_INPUT_BYTES} actually read (`/dev/zero` included). */
export async function readInputs(paths: readonly string[], cwd = process.cwd()): Promise<BundleInput[]> {
  const inputs: BundleInput[] = [];
  for (const path of paths) {
    try {
      inputs.push({ name: basename(path), bytes: await readBounded(resolve(cwd, path), MAX_INPUT_BYTES, path, 'ce n\'est pas un fichier de certificat ; vérifiez le fichier donné') });
    } catch (error) {
      throw asCertificateError(error);
    }
  }
  return inputs;
}

/**
 * Reads a password file: its first line only, without CR/LF or BOM, at most 4 KB read. An empty
 * first line is `PASSWORD_REQUIRED`: an empty password is never guessed from a blank file.
 */
export async function readPasswordFile(path: string, cwd = process.cwd()): Promise<string> {
  let line: string;
  try {
    line = await readFirstLine(resolve(cwd, path));
  } catch (error) {
    const e = asCertificateError(error) as CertificateError;
    throw new CertificateError(e.code, `Fichier de mot de passe : ${e.message}`, { cause: error });
  }
  if (line === '') throw new CertificateError('PASSWORD_REQUIRED', `La première ligne du fichier de mot de passe « ${path} » est vide : écrivez le mot de passe sur la première ligne.`);
  return line;
}

/**
 * Writes the exported files into `dir`, all or nothing: outputs that are inputs are refused first
 * (`OUTPUT_IS_INPUT`, even with `force`), then the whole set is written in a private temp folder and
 * moved into place; on any failure the folder keeps exactly what it held. Key files are 0600.
 */
export async function writeExport(dir: string, files: readonly ExportedFile[], force: boolean, options: { inputs?: readonly string[]; signal?: AbortSignal } = {}): Promise<string[]> {
  try {
    await checkPlan(options.inputs ?? [], files.map((f) => ({ input: null, output: join(dir, f.name) })));
    return await writeFileSet(dir, files.map((f) => ({ name: f.name, bytes: f.bytes, mode: f.secret ? 0o600 : 0o644 })), { force, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw asCertificateError(error);
  }
}
