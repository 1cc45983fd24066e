import { FileError } from './errors.js';
import { type FileIdentity, identify, identifyDescriptor, landingPath, pathKey, sameFile } from './identity.js';

/** One thing a command will write: which input it comes from, and where it goes. */
export interface PlannedOutput {
  /** The input as the user named it (for messages); `null` for standard input or a set's own files. */
  input: string | null;
  /** Output path (absolute). */
  output: string;
}

/** How a plan reads `-`: the process's standard input and output (tests give other fds). */
export interface PlanOptions {
  /**
   * When given, an input named `-` is the file open on `stdin` and an output named `-` the file
   * open on `stdout`: `convert data.csv -o - 1<>data.csv`, `>> data.csv`, `convert - -o data.csv
   * < data.csv` and `-o /dev/stdin` are all caught, as GNU `cat` compares device and inode.
   */
  standardStreams?: { stdin?: number; stdout?: number };
}

async function identityOf(name: string, fd: number | undefined): Promise<FileIdentity | null> {
  if (name === '-' && fd !== undefined) return identifyDescriptor(fd);
  return identify(name).catch(() => null);
}

const STANDARD_NAMES = { stdin: 'entrée standard', stdout: 'sortie standard' } as const;

/**
 * Checks a plan before anything is written (the changesets "assemble, then apply" split):
 * - an output that is the same file as any input (links and hard links resolved, case ignored
 *   where the system does) gives `OUTPUT_IS_INPUT`, even when replacing was allowed;
 * - two inputs that would land on one output give `OUTPUT_CONFLICT`, naming both.
 * Reads only metadata; writes nothing.
 */
export async function checkPlan(inputs: readonly string[], outputs: readonly PlannedOutput[], options: PlanOptions = {}): Promise<void> {
  const streams = options.standardStreams;
  const inputIds: { name: string; id: FileIdentity }[] = [];
  for (const name of inputs) {
    const id = await identityOf(name, streams?.stdin);
    if (id) inputIds.push({ name: name === '-' && streams ? STANDARD_NAMES.stdin : name, id });
  }
  const landed = new Map<string, PlannedOutput>();
  for (const planned of outputs) {
    const toStdout = planned.output === '-' && streams !== undefined;
    const id = await identityOf(planned.output, streams?.stdout);
    // A device or FIFO is streamed into, never replaced: only a regular file can be an input.
    if (id && id.kind !== 'device' && id.kind !== 'fifo' && id.kind !== 'socket') {
      const clash = inputIds.find((i) => sameFile(i.id, id));
      if (clash) {
        const output = toStdout ? `${STANDARD_NAMES.stdout} (${id.real})` : planned.output;
        throw new FileError(
          'OUTPUT_IS_INPUT',
          `La sortie « ${output} » est le fichier d'entrée « ${clash.name} » lui-même (ou un lien vers lui) : rien n'a été écrit, même si le remplacement est autorisé. Choisissez un autre nom ou un autre dossier.`,
          { path: planned.output, hint: '(--force n\'y change rien.) Autre sortie : -o <fichier|dossier>.' },
        );
      }
    }
    if (toStdout) continue;
    const key = pathKey(await landingPath(planned.output));
    const previous = landed.get(key);
    if (previous && id?.kind !== 'device' && id?.kind !== 'fifo') {
      throw new FileError(
        'OUTPUT_CONFLICT',
        `« ${previous.input ?? 'entrée standard'} » et « ${planned.input ?? 'entrée standard'} » donneraient le même fichier « ${planned.output} » : rien n'a été écrit. Convertissez-les séparément, chacun avec son -o.`,
        { path: planned.output },
      );
    }
    landed.set(key, planned);
  }
}
