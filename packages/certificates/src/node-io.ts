import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BundleInput } from './bundle.js';
import { CertificateError } from './errors.js';
import type { ExportedFile } from './export.js';

/** Reads input files; a missing or unreadable one gives `INPUT_NOT_FOUND`. */
export async function readInputs(paths: readonly string[], cwd = process.cwd()): Promise<BundleInput[]> {
  const inputs: BundleInput[] = [];
  for (const path of paths) {
    try {
      const stat = await fs.stat(resolve(cwd, path));
      if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      // Certificate files are kilobytes; refuse to slurp something huge by mistake.
      if (stat.size > 64 * 1024 * 1024) throw new CertificateError('LIMIT_EXCEEDED', `« ${path} » fait ${Math.round(stat.size / 1048576)} Mo : ce n'est pas un fichier de certificat.`, { file: path });
      inputs.push({ name: basename(path), bytes: new Uint8Array(await fs.readFile(resolve(cwd, path))) });
    } catch (cause) {
      if (cause instanceof CertificateError) throw cause;
      const code = (cause as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'n\'existe pas' : code === 'EISDIR' ? 'est un dossier' : 'ne peut pas être lu';
      throw new CertificateError('INPUT_NOT_FOUND', `Le fichier « ${path} » ${why}. Vérifiez le chemin.`, { file: path, cause });
    }
  }
  return inputs;
}

/** Reads a password file: UTF-8, BOM and one final line break removed. */
export async function readPasswordFile(path: string, cwd = process.cwd()): Promise<string> {
  try {
    const text = await fs.readFile(resolve(cwd, path), 'utf8');
    return text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  } catch (cause) {
    throw new CertificateError('INPUT_NOT_FOUND', `Le fichier de mot de passe « ${path} » ne peut pas être lu.`, { cause });
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes exported files into `dir`: nothing is written if one output exists and `force` is false;
 * each file goes to a temp file (0600 when it holds a key) renamed into place; names come from roles only.
 */
export async function writeExport(dir: string, files: readonly ExportedFile[], force: boolean): Promise<string[]> {
  for (const f of files) if (f.name !== basename(f.name) || f.name.startsWith('.')) throw new Error(`unsafe output name ${f.name}`);
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new CertificateError('WRITE_FAILED', `Impossible de créer le dossier « ${dir} ». Choisissez un autre dossier avec -o.`, { cause });
  }
  if (!force) {
    const existing: string[] = [];
    for (const f of files) if (await exists(join(dir, f.name))) existing.push(f.name);
    if (existing.length) {
      throw new CertificateError('OUTPUT_EXISTS', `Des fichiers existent déjà dans « ${dir} » (${existing.join(', ')}) : rien n'a été écrit. Ajoutez --force pour les remplacer, ou choisissez un autre dossier.`);
    }
  }
  const written: string[] = [];
  for (const f of files) {
    const target = join(dir, f.name);
    const temp = join(dir, `.${f.name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await fs.writeFile(temp, f.bytes, { mode: f.secret ? 0o600 : 0o644, flag: 'wx' });
      if (force) await fs.rename(temp, target);
      else {
        await fs.link(temp, target).catch(async (cause: NodeJS.ErrnoException) => {
          if (cause.code === 'EEXIST') throw new CertificateError('OUTPUT_EXISTS', `« ${target} » est apparu pendant l'écriture : il n'a pas été remplacé.`);
          await fs.rename(temp, target);
        });
      }
      written.push(target);
    } catch (cause) {
      if (cause instanceof CertificateError) throw cause;
      throw new CertificateError('WRITE_FAILED', `Impossible d'écrire « ${target} » (${(cause as NodeJS.ErrnoException).code ?? 'erreur'}). Vérifiez les droits et la place disponible.`, { cause });
    } finally {
      await fs.rm(temp, { force: true });
    }
  }
  return written;
}
