import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readBounded, releaseTemp, trackTemp } from '@sne-toolbox/node-io';
import { readZip, ZipError } from '@sne-toolbox/zip-reader';
import { ExtractionError } from '../core/errors.js';
import { asExtractionError } from '../node/files.js';
import { UsageError } from './io.js';

// The inputs as the user named them, made into files: cmd.exe's globs, folders, zip members.

const CSV_FILE = /\.(csv|txt|tsv)$/i;

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
      const names = (await fs.readdir(full)).filter((n) => CSV_FILE.test(n)).sort();
      if (names.length === 0) {
        throw new ExtractionError('INPUT_NOT_FOUND', `Le dossier « ${input} » ne contient aucune extraction (.csv, .txt ou .tsv). Vérifiez le dossier, ou donnez les fichiers eux-mêmes.`);
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
        for (const candidate of ['.csv', '.txt', '.tsv'].map((e) => input + e)) if (!found && (await exists(candidate))) found = candidate;
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

/** An extraction taken from a zip: where its private copy is, and the workbook it gives by default. */
export interface ZipMember {
  path: string;
  defaultOutput: string;
}

// A zip of extractions may be large, but never a bomb: bounds counted on inflated bytes.
const ZIP_LIMITS = { maxEntries: 1000, maxEntrySize: 512 * 1024 * 1024, maxTotalSize: 1024 * 1024 * 1024 };
const ZIP_FILE_LIMIT = 512 * 1024 * 1024;

/**
 * Replaces each `.zip` input by the extractions it holds, copied into a private temp folder (names
 * reduced to their last part: no path from the archive is ever used). Each one's workbook goes beside
 * the archive by default. `cleanup` removes the copies.
 */
export async function unpackZips(inputs: readonly string[], cwd: string, notes: string[]): Promise<{ inputs: string[]; members: Map<string, ZipMember>; archives: string[]; cleanup: () => Promise<void> }> {
  const members = new Map<string, ZipMember>();
  const archives: string[] = [];
  const out: string[] = [];
  let dir: string | undefined;
  const cleanup = async () => {
    if (!dir) return;
    await fs.rm(dir, { recursive: true, force: true });
    releaseTemp(dir);
  };
  try {
    for (const input of inputs) {
      if (!/\.zip$/i.test(input)) {
        out.push(input);
        continue;
      }
      const full = resolve(cwd, input);
      let entries;
      try {
        entries = await readZip(await readBounded(full, ZIP_FILE_LIMIT, input, 'décompressez l\'archive avec l\'Explorateur Windows, puis convertissez les fichiers .csv'), ZIP_LIMITS);
      } catch (error) {
        if (error instanceof ZipError) {
          throw new ExtractionError('NOT_CSV', `L'archive « ${input} » n'a pas été ouverte : ${error.detail}. Décompressez-la avec l'Explorateur Windows, puis convertissez les fichiers .csv.`, { details: { kind: 'zip' } });
        }
        throw asExtractionError(error);
      }
      archives.push(full);
      const csv = entries.filter((e) => CSV_FILE.test(e.name) && !e.name.endsWith('/'));
      if (csv.length === 0) throw new ExtractionError('INPUT_NOT_FOUND', `L'archive « ${input} » ne contient aucune extraction (.csv, .txt ou .tsv).`);
      if (csv.length < entries.length) notes.push(`« ${input} » : ${entries.length - csv.length} fichier(s) qui ne sont pas des extractions ont été laissés de côté.`);
      if (!dir) {
        dir = await fs.mkdtemp(join(tmpdir(), 'sne-toolbox-'));
        trackTemp(dir);
      }
      for (const [i, entry] of csv.entries()) {
        const name = entry.name.split(/[\\/]/).pop()!;
        const path = join(dir, `${archives.length}-${i}-${name.replace(/[^\p{L}\p{N}._ -]/gu, '_')}`);
        await fs.writeFile(path, entry.bytes, { mode: 0o600, flag: 'wx' });
        const display = `${input} › ${entry.name}`;
        members.set(display, { path, defaultOutput: join(dirname(full), `${name.replace(/\.(csv|txt|tsv)$/i, '')}.xlsx`) });
        out.push(display);
      }
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { inputs: out, members, archives, cleanup };
}
