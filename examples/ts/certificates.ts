// Node or browser: open an RGS bundle, choose a role, export that one file.
import { exportBundle, isCertificateError, isPortablePassword, openBundle, type Role } from '@sne-toolbox/certificates';

export async function exportRole(name: string, bytes: Uint8Array, password: string, role: Role): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> } | null> {
  try {
    const bundle = await openBundle([{ name, bytes }], { password });
    for (const c of bundle.certificates) console.log(`${c.role.padEnd(16)} ${c.subject.commonName ?? c.subject.text} — jusqu'au ${c.notAfter} — chaîne ${c.chain}`);
    if (!isPortablePassword(password)) console.warn('Ce mot de passe sera refusé par les logiciels écrits en Java (PASSWORD_NOT_PORTABLE).');
    const { files, warnings } = await exportBundle(bundle, { password, profile: 'compatible' });
    for (const w of warnings) console.warn(`[${w.code}] ${w.message}`);
    const file = files.find((f) => f.role === role && f.kind !== 'txt');
    return file ? { name: file.name, bytes: file.bytes } : null;
  } catch (error) {
    if (isCertificateError(error, 'BAD_PASSWORD')) return null;
    throw error;
  }
}
