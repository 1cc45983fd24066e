import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ExtractionError } from '../core/errors.js';
import { EXTRACTION_EXTENSIONS, EXTRACTION_EXTENSIONS_TEXT, EXTRACTION_FILE } from '../core/source.js';
import { UsageError } from './io.js';

// The inputs as the user named them, made into files: cmd.exe's globs, folders, zip members.


/**
 * Expands the inputs as a user on Windows expects: cmd.exe does not expand `*.csv` itself, and a
 * folder means the extractions it holds. A pattern or folder matching nothing stays as it is, so
 * that it is reported as not found.
 */
export async function expandInputs(inputs: readonly string[], cwd: string, notes: string[] = []): Promise<string[]> {
  const out: string[] = [];
  const exists = async (path: string) => (await fs.stat(resolve(cwd, path)).catch(() => null)) !== null;
  for (let k = 0; k < inputs.length; k++) {
    const input = inputs[k]!;
    if (input === '-') {
      out.push(input);
      continue;
    }
    const full = resolve(cwd, input);
    const stat = await fs.stat(full).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(full)).filter((n) => EXTRACTION_FILE.test(n)).sort();
      if (names.length === 0) {
        throw new ExtractionError('INPUT_NOT_FOUND', `Le dossier « ${input} » ne contient aucune extraction (${EXTRACTION_EXTENSIONS_TEXT}). Vérifiez le dossier, ou donnez les fichiers eux-mêmes.`);
      }
      out.push(...names.map((n) => join(input, n)));
      continue;
    }
    if (!stat && /[*?]/.test(basename(input))) {
      const dir = dirname(input);
      const pattern = new RegExp(`^${basename(input).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
      const names = ((await fs.readdir(resolve(cwd, dir)).catch(() => [])) as string[]).filter((n) => pattern.test(n)).sort();
      out.push(...(names.length ? names.map((n) => (dir === '.' ? n : join(dir, n))) : [input]));
      continue;
    }
    if (!stat) {
      // An unquoted name with spaces arrives as several words: if they join into a file, say so.
      for (let last = inputs.length; last > k + 1; last--) {
        const joined = inputs.slice(k, last).join(' ');
        if (await exists(joined)) {
          throw new UsageError(`Le fichier « ${joined} » a un nom avec des espaces : mettez le nom entre guillemets, par exemple sne-extraction convert "${joined}".`);
        }
      }
      // Windows hides extensions: `extraction-sne` is often `extraction-sne.csv`.
      if (extname(input) === '') {
        let found: string | undefined;
        for (const candidate of EXTRACTION_EXTENSIONS.map((e) => input + e)) if (!found && (await exists(candidate))) found = candidate;
        if (found) {
          notes.push(`« ${input} » n'existe pas : « ${found} » a été pris (Windows masque les extensions des fichiers).`);
          out.push(found);
          continue;
        }
      }
    }
    out.push(input);
  }
  return out;
}

