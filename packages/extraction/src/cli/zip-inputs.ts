import { dirname, resolve } from 'node:path';
import { readBounded } from '@sne-toolbox/node-io';
import { safeFileStem } from '@sne-toolbox/text';
import { openZip, ZipError, type ZipMember as ArchiveMember } from '@sne-toolbox/zip-reader';
import { ExtractionError } from '../core/errors.js';
import { EXTRACTION_EXTENSIONS_TEXT, EXTRACTION_FILE } from '../core/source.js';
import { asExtractionError, spoolToTempFile } from '../node/files.js';

// Zip archives of extractions, made into files one member at a time.

/** An extraction taken from a zip: where its private copy is, and the workbook it gives by default. */
export interface ZipMember {
  path: string;
  defaultOutput: string;
}

/** A member that could not be taken out (not an extraction): reported like a failed input. */
export interface ZipFailure {
  input: string;
  error: ExtractionError;
}

/** What {@link unpackZips} gives: the inputs with each archive replaced by its members. */
export interface UnpackedZips {
  inputs: string[];
  members: Map<string, ZipMember>;
  failures: ZipFailure[];
  archives: string[];
  cleanup: () => Promise<void>;
}

// A zip of extractions may be large, but never a bomb: bounds counted on inflated bytes.
const ZIP_LIMITS = { maxEntries: 1000, maxEntrySize: 512 * 1024 * 1024, maxTotalSize: 1024 * 1024 * 1024 };
const ZIP_FILE_LIMIT = 512 * 1024 * 1024;
const OPEN_HINT = 'décompressez l\'archive avec l\'Explorateur Windows, puis convertissez les fichiers .csv';

/** Room for `.xlsx` in a file name of 255 characters and 255 bytes of UTF-8. */
const STEM_MAX = 250;

/**
 * The workbook name of a member: its last part made safe (no control, bidi mark, reserved or empty
 * name, cut on code points), or `extraction-<n>.xlsx` when nothing usable is left.
 */
export function memberWorkbookName(memberName: string, position: number): string {
  const last = memberName.split(/[\\/]/).pop()!;
  const stem = safeFileStem(last.replace(EXTRACTION_FILE, ''), STEM_MAX, STEM_MAX);
  return `${stem || `extraction-${position}`}.xlsx`;
}

function refused(input: string, error: ZipError): ExtractionError {
  return new ExtractionError('NOT_CSV', `L'archive « ${input} » n'a pas été ouverte : ${error.detail}. Décompressez-la avec l'Explorateur Windows, puis convertissez les fichiers .csv.`, { details: { kind: 'zip' } });
}

function corruptMember(input: string, error: ZipError): ExtractionError {
  return new ExtractionError('ZIP_CORRUPT', `Dans l'archive « ${input} », ${error.detail} : aucun classeur n'est écrit pour ce fichier. Redemandez l'archive, ou exportez de nouveau l'extraction depuis le SNE.`, { details: { member: error.member ?? '' } });
}

async function openArchive(input: string, full: string): Promise<ArchiveMember[]> {
  try {
    return openZip(await readBounded(full, ZIP_FILE_LIMIT, input, OPEN_HINT), ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipError) throw refused(input, error);
    throw asExtractionError(error);
  }
}

/**
 * Replaces each `.zip` input by the extractions it holds. Members are inflated one at a time,
 * straight into a private temp file each (named `entree.csv`, never after the member), so memory
 * does not grow with their size; the first megabyte of each is checked as it comes, and a member
 * that is not an extraction stops there and is reported as a failed input. Each workbook goes
 * beside the archive by default. `cleanup` removes the copies.
 */
export async function unpackZips(inputs: readonly string[], cwd: string, notes: string[], signal?: AbortSignal): Promise<UnpackedZips> {
  const result: UnpackedZips = { inputs: [], members: new Map(), failures: [], archives: [], cleanup: async () => {} };
  const spools: (() => Promise<void>)[] = [];
  result.cleanup = async () => {
    for (const cleanup of spools.splice(0)) await cleanup();
  };
  try {
    for (const input of inputs) {
      if (!/\.zip$/i.test(input)) {
        result.inputs.push(input);
        continue;
      }
      const full = resolve(cwd, input);
      const members = await openArchive(input, full);
      result.archives.push(full);
      const csv = members.filter((m) => EXTRACTION_FILE.test(m.name));
      if (csv.length === 0) throw new ExtractionError('INPUT_NOT_FOUND', `L'archive « ${input} » ne contient aucune extraction (${EXTRACTION_EXTENSIONS_TEXT}).`);
      if (csv.length < members.length) notes.push(`« ${input} » : ${members.length - csv.length} fichier(s) qui ne sont pas des extractions ont été laissés de côté.`);
      for (const [i, member] of csv.entries()) {
        const display = `${input} › ${member.name}`;
        try {
          const copy = await spoolToTempFile(member.stream(), member.name, { signal });
          spools.push(copy.cleanup);
          result.members.set(display, { path: copy.path, defaultOutput: resolve(dirname(full), memberWorkbookName(member.name, i + 1)) });
          result.inputs.push(display);
        } catch (error) {
          // One member altered or damaged after zipping: no workbook for it, the others go on.
          if (error instanceof ZipError && error.kind === 'checksum') result.failures.push({ input: display, error: corruptMember(input, error) });
          else if (error instanceof ZipError) throw refused(input, error);
          else if (error instanceof ExtractionError && error.code === 'NOT_CSV') result.failures.push({ input: display, error });
          else throw error;
        }
      }
    }
  } catch (error) {
    await result.cleanup();
    throw error;
  }
  return result;
}
