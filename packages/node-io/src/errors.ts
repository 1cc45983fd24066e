/**
 * Codes of what can go wrong while reading or writing a user's files. Each CLI wraps a
 * {@link FileError} into its own error class with the same code and message.
 *
 * - `INPUT_NOT_FOUND`: an input is missing, unreadable or a folder.
 * - `OUTPUT_IS_INPUT`: an output is the same file as an input (links resolved): refused before writing.
 * - `OUTPUT_CONFLICT`: two inputs would be written to one output (a usage error: exit 2).
 * - `OUTPUT_EXISTS`: an output exists and replacing it was not allowed.
 * - `WRITE_FAILED`: an output could not be written (its errno is in `errno`).
 * - `LIMIT_EXCEEDED`: an input is larger than the limit, counted on the bytes actually read.
 * - `ABORTED`: a signal stopped the work; nothing was left behind.
 */
export type FileErrorCode = 'INPUT_NOT_FOUND' | 'OUTPUT_IS_INPUT' | 'OUTPUT_CONFLICT' | 'OUTPUT_EXISTS' | 'WRITE_FAILED' | 'LIMIT_EXCEEDED' | 'ABORTED';

/** An error of this module: `code` is stable, `message` is French and says what to do. */
export class FileError extends Error {
  override readonly name = 'FileError';
  readonly code: FileErrorCode;
  readonly path: string | undefined;
  /** The system error code (ENOSPC, EACCES…) behind a read or write failure. */
  readonly errno: string | undefined;
  /** What a CLI user types next (`--force`, `-o`): kept out of `message`, which a library caller reads. */
  readonly hint: string | undefined;

  constructor(code: FileErrorCode, message: string, options: { cause?: unknown; path?: string; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.hint = options.hint;
    this.errno = (options.cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** The CLI's option for another output folder or name (a hint: library messages name no option). */
export const FOLDER_HINT = 'Autre dossier : -o <dossier>.';
export const NAME_HINT = 'Autre nom : -o <fichier>.';

/** Why a write failed, in words an agent can act on. */
export function writeFailure(path: string, cause: unknown): FileError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  // The message says what to do in words any caller can use; the CLI's option is in the hint.
  const why: Record<string, [string, string?]> = {
    ENOSPC: ['le disque est plein : libérez de la place, ou choisissez un autre dossier', FOLDER_HINT],
    EDQUOT: ['votre quota de disque est atteint : libérez de la place, ou choisissez un autre dossier', FOLDER_HINT],
    EACCES: ['vous n\'avez pas le droit d\'écrire dans ce dossier : choisissez un autre dossier', FOLDER_HINT],
    // Windows locks a workbook open in Excel: replacing it gives EBUSY or EPERM.
    EPERM: ['le fichier est verrouillé, sans doute ouvert dans Excel : fermez le classeur dans Excel puis recommencez (ou choisissez un autre nom)', NAME_HINT],
    EBUSY: ['le fichier est ouvert dans un autre programme : fermez le classeur dans Excel puis recommencez'],
    EROFS: ['ce disque est en lecture seule : choisissez un autre dossier', FOLDER_HINT],
    ENOENT: ['le dossier n\'existe pas : vérifiez le chemin de la sortie', FOLDER_HINT],
    ENOTDIR: ['une partie du chemin n\'est pas un dossier : vérifiez le chemin de la sortie', FOLDER_HINT],
    EISDIR: ['c\'est un dossier : donnez un nom de fichier', NAME_HINT],
  };
  const [reason, hint] = (code && why[code]) || [`erreur d'écriture (${code ?? String(cause)})`];
  return new FileError('WRITE_FAILED', `Impossible d'écrire « ${path} » : ${reason}.`, { cause, path, ...(hint ? { hint } : {}) });
}

/** Why an input could not be read. */
export function readFailure(path: string, cause: unknown): FileError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT'
      ? 'n\'existe pas'
      : code === 'EISDIR'
        ? 'est un dossier'
        : code === 'EACCES' || code === 'EPERM'
          ? 'ne peut pas être lu (droits insuffisants)'
          : `ne peut pas être lu (${code ?? 'erreur'})`;
  return new FileError('INPUT_NOT_FOUND', `Le fichier « ${path} » ${why}. Vérifiez le chemin et le nom du fichier.`, { cause, path });
}

/** The error every aborted operation ends with. */
export function aborted(): FileError {
  return new FileError('ABORTED', 'Interrompu : aucun fichier n\'a été laissé à moitié écrit.');
}
