import { FileError } from './errors.js';
import { type FileIdentity, identify, landingPath, pathKey, sameFile } from './identity.js';

/** One thing a command will write: which input it comes from, and where it goes. */
export interface PlannedOutput {
  /** The input as the user named it (for messages); `null` for standard input or a set's own files. */
  input: string | null;
  /** Output path (absolute). */
  output: string;
}

/**
 * Checks a plan before anything is written (the changesets "assemble, then apply" split):
 * - an output that is the same file as any input (links and hard links resolved, case ignored
 *   where the system does) gives `OUTPUT_IS_INPUT`, even when replacing was allowed;
 * - two inputs that would land on one output give `OUTPUT_CONFLICT`, naming both.
 * Reads only metadata; writes nothing.
 */
export async function checkPlan(inputs: readonly string[], outputs: readonly PlannedOutput[]): Promise<void> {
  const inputIds: { name: string; id: FileIdentity }[] = [];
  for (const name of inputs) {
    const id = await identify(name).catch(() => null);
    if (id) inputIds.push({ name, id });
  }
  const landed = new Map<string, PlannedOutput>();
  for (const planned of outputs) {
    const id = await identify(planned.output).catch(() => null);
    if (id && id.kind !== 'device' && id.kind !== 'fifo') {
      const clash = inputIds.find((i) => sameFile(i.id, id));
      if (clash) {
        throw new FileError(
          'OUTPUT_IS_INPUT',
          `La sortie « ${planned.output} » est le fichier d'entrée « ${clash.name} » lui-même (ou un lien vers lui) : rien n'a été écrit, même avec --force. Choisissez un autre nom ou un autre dossier avec -o.`,
          { path: planned.output },
        );
      }
    }
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
