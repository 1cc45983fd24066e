import { promises as fs } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkPlan, FileError } from '@sne-toolbox/node-io';
import { ExtractionError } from '../core/errors.js';
import { asExtractionError, defaultOutputPath } from '../node/files.js';
import type { ZipMember } from './zip-inputs.js';
import { type CliIO, UsageError } from './io.js';
import type { ConvertCliOptions } from './options.js';

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** One conversion the command will run: where it reads, where it writes. */
export interface ConversionJob {
  /** The input as the user named it (`-` for standard input). */
  input: string;
  /** Absolute input path, or `-`. */
  path: string;
  /** Absolute output path, or `-` for standard output. */
  output: string;
}

/**
 * The pure plan of `convert`: every input resolved, every output named, conflicts found up front
 * (same output for two inputs, an output that is an input), nothing written.
 */
export async function planConversions(io: CliIO, inputs: readonly string[], opts: ConvertCliOptions, zips: { members: Map<string, ZipMember>; archives: string[] }): Promise<ConversionJob[]> {
  const toStdout = opts.output === '-';
  if (toStdout && inputs.length > 1) throw new UsageError('-o - (sortie standard) ne peut recevoir qu\'un seul classeur : donnez un seul fichier, ou un dossier avec -o.');
  if (toStdout && io.stdout.isTTY) throw new UsageError('La sortie standard est un terminal : redirigez-la vers un fichier (> classeur.xlsx) ou utilisez -o classeur.xlsx.');
  if (toStdout && opts.verify) throw new UsageError('--verify relit le fichier écrit : il ne s\'applique pas à la sortie standard (-o -).');
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('L\'entrée standard (-) ne peut être lue qu\'une fois.');
  const out = opts.output && !toStdout ? resolve(io.cwd, opts.output) : undefined;
  const outputDir = out && (inputs.length > 1 || (await isDirectory(out)) || /[\\/]$/.test(opts.output!)) ? out : undefined;
  const jobs = inputs.map((input): ConversionJob => {
    const member = zips.members.get(input);
    const path = member ? member.path : input === '-' ? '-' : resolve(io.cwd, input);
    const defaultName = member ? member.defaultOutput : defaultOutputPath(input === '-' ? resolve(io.cwd, 'entree-standard.csv') : path);
    const output = toStdout ? '-' : outputDir ? join(outputDir, basename(defaultName)) : (out ?? defaultName);
    return { input, path, output };
  });
  // `-` takes part when its descriptor is known: `convert - -o data.csv < data.csv` and
  // `convert data.csv -o - >> data.csv` are caught like named files.
  const streams = io.standardStreams ?? {};
  const checked = (name: string, fd: number | undefined) => name !== '-' || fd !== undefined;
  try {
    await checkPlan(
      [...jobs.filter((j) => checked(j.path, streams.stdin)).map((j) => j.path), ...zips.archives],
      jobs.filter((j) => checked(j.output, streams.stdout)).map((j) => ({ input: j.input === '-' ? null : j.input, output: j.output })),
      { standardStreams: streams },
    );
  } catch (error) {
    if (error instanceof FileError && error.code === 'OUTPUT_CONFLICT') throw new UsageError(error.message);
    throw asExtractionError(error);
  }
  if (outputDir) {
    await fs.mkdir(outputDir, { recursive: true }).catch((cause: unknown) => {
      throw new ExtractionError('WRITE_FAILED', `Impossible de créer le dossier « ${opts.output} ». Choisissez un autre dossier avec -o.`, { cause });
    });
  }
  return jobs;
}
