import { type CertificateBundle, type CertificateSummary, exportBundle, type ExportedFile, frDate, frDays, isCertificateError, openBundle, passwordWarning, safeFileNamePart } from '@sne-toolbox/certificates';
import { webDeflate, ZipWriter } from '@sne-toolbox/extraction';
import { download, downloadLink, dropZone, el } from './download.js';

const WARN_DAYS = 60;
const ROLE_LABELS: Record<string, string> = {
  chiffrement: 'Chiffrement',
  signature: 'Signature',
  authentification: 'Authentification',
  autorite: 'Autorité',
  inconnu: 'Inconnu',
};
/** What each file is, in the SNE procedure's words (same words as LISEZMOI.txt and the CLI). */
function describeFile(f: ExportedFile): string {
  if (f.kind === 'cer') return 'clé publique de chiffrement (binaire) : à envoyer au gestionnaire territorial';
  if (f.kind === 'txt') return 'la même en texte : si le gestionnaire demande un .txt';
  if (f.kind === 'p12' && f.role === 'signature') return 'clé de signature : à installer dans Outlook ou Thunderbird';
  if (f.kind === 'p12' && f.role === 'authentification') return 'clé d\'authentification : pour le logiciel métier (Pelehas, Ulysse, Aïda…)';
  if (f.kind === 'readme') return 'qui reçoit quoi, comment installer, dates et empreintes';
  return '';
}

function status(c: CertificateSummary): { text: string; cls: string } {
  if (c.validity === 'expire') return { text: `Expiré depuis le ${frDate(c.notAfter)}`, cls: 'expired' };
  if (c.validity === 'pas-encore-valide') return { text: `Pas encore valide (à partir du ${frDate(c.notBefore)})`, cls: 'expired' };
  if (c.daysLeft <= WARN_DAYS) return { text: `Expire bientôt : dans ${frDays(c.daysLeft)}`, cls: 'soon' };
  return { text: `${frDays(c.daysLeft)} restants`, cls: '' };
}

function table(bundle: CertificateBundle): HTMLTableElement {
  const t = el('table');
  t.id = 'cert-table';
  const caption = el('caption', 'Certificats trouvés');
  const head = el('tr');
  for (const h of ['Rôle', 'Titulaire', 'Émetteur', 'Expire le', 'État', 'Clé privée']) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  t.append(caption, head);
  for (const c of bundle.certificates) {
    const s = status(c);
    const row = el('tr', undefined, s.cls);
    row.dataset.role = c.role;
    row.append(
      el('td', ROLE_LABELS[c.role] ?? c.role),
      el('td', c.subject.commonName ?? c.subject.text),
      el('td', `${c.issuer.commonName ?? c.issuer.text}${c.authority && !(c.issuer.commonName ?? '').includes(c.authority.name) ? ` (${c.authority.name})` : ''}`),
      el('td', frDate(c.notAfter)),
      el('td', s.text, s.cls ? `status-${s.cls}` : undefined),
      el('td', c.hasPrivateKey ? 'oui (correspondance prouvée)' : c.keyMatches === false ? 'ne correspond pas' : 'non'),
    );
    t.append(row);
  }
  return t;
}

async function zipFiles(files: readonly ExportedFile[]): Promise<Blob> {
  const zip = new ZipWriter(webDeflate);
  const parts: Uint8Array[] = [];
  for (const f of files) for await (const chunk of zip.entry(f.name, f.bytes)) parts.push(chunk);
  for (const chunk of zip.finish()) parts.push(chunk);
  return new Blob(parts as BlobPart[], { type: 'application/zip' });
}

/**
 * The note beside the output password field: the library's PASSWORD_NOT_PORTABLE message for the
 * password the files will get (the one typed there, else the certificate's, reused), and where to
 * choose another. Updated as either field is typed; returns whether it shows.
 */
function passwordNote(note: HTMLElement, password: string, outPassword: string): boolean {
  const warning = passwordWarning(outPassword || password, outPassword ? 'given' : 'reused');
  note.hidden = !warning;
  note.textContent = warning ? `${warning.message} Saisissez-le dans « Nouveau mot de passe des fichiers exportés », puis cliquez sur Ouvrir.` : '';
  return warning !== undefined;
}

/** Wires the "Certificats RGS" tool. */
export function setupCertificates(): void {
  const form = document.querySelector<HTMLFormElement>('#cert-form')!;
  const input = document.querySelector<HTMLInputElement>('#cert-input')!;
  const password = document.querySelector<HTMLInputElement>('#cert-password')!;
  const outPassword = document.querySelector<HTMLInputElement>('#cert-out-password')!;
  const profile = document.querySelector<HTMLSelectElement>('#cert-profile')!;
  const button = document.querySelector<HTMLButtonElement>('#cert-open')!;
  const message = document.querySelector<HTMLElement>('#cert-message')!;
  const results = document.querySelector<HTMLElement>('#cert-results')!;
  const filesLine = document.querySelector<HTMLElement>('#cert-files')!;
  let chosen: File[] = [];
  const note = el('p', undefined, 'warning');
  note.id = 'cert-out-password-warning';
  note.hidden = true;
  note.setAttribute('aria-live', 'polite');
  outPassword.setAttribute('aria-describedby', note.id);
  outPassword.after(note);
  const updateNote = () => passwordNote(note, password.value, outPassword.value);
  // Typed in the output field: shown at once. The certificate's own password shows when the bundle is opened.
  outPassword.addEventListener('input', updateNote);
  password.addEventListener('input', () => {
    if (!note.hidden) updateNote();
  });

  const setFiles = (files: File[]) => {
    chosen = files;
    filesLine.textContent = files.length ? `Fichier${files.length > 1 ? 's' : ''} : ${files.map((f) => f.name).join(', ')}` : '';
  };
  input.addEventListener('change', () => setFiles([...(input.files ?? [])]));
  dropZone(document.querySelector<HTMLElement>('#cert-drop')!, setFiles);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    results.replaceChildren();
    if (!chosen.length) {
      message.textContent = 'Choisissez d\'abord le fichier de certificat reçu de l\'autorité.';
      return;
    }
    button.disabled = true;
    button.textContent = 'Ouverture…';
    try {
      const inputs = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const pw = password.value;
      const bundle = await openBundle(inputs, pw === '' ? {} : { password: pw });
      results.append(table(bundle));
      const { files, warnings } = await exportBundle(bundle, { password: outPassword.value || pw, passwordReused: !outPassword.value, profile: profile.value === 'modern' ? 'modern' : 'compatible' });
      // The note sits in the options: open them so it is seen beside the field it is about.
      if (updateNote()) outPassword.closest('details')!.open = true;
      const shown = warnings.filter((w) => w.code !== 'PASSWORD_NOT_PORTABLE'); // said in the note, beside its field
      for (const w of [...bundle.warnings.filter((b) => !warnings.includes(b)), ...shown]) results.append(el('p', `Avertissement : ${w.message}`, 'warning'));
      const list = el('ul');
      list.className = 'downloads';
      for (const f of files) {
        const li = el('li');
        const link = downloadLink(new Blob([f.bytes as BlobPart]), f.name, f.name);
        link.dataset.role = f.role ?? 'lisezmoi';
        link.dataset.kind = f.kind;
        li.append(link, el('span', ` ${describeFile(f)}`));
        list.append(li);
      }
      const all = el('button', 'Tout télécharger (.zip)');
      all.type = 'button';
      all.id = 'cert-zip';
      // The zip carries the holder too: several agents' sets never share a name.
      const holder = bundle.certificates.find((c) => c.hasPrivateKey)?.subject.commonName;
      const zipName = holder ? `certificats-sne - ${safeFileNamePart(holder) || 'titulaire'}.zip` : 'certificats-sne.zip';
      all.addEventListener('click', async () => download(await zipFiles(files), zipName));
      results.append(el('h3', 'Fichiers prêts'), list, all);
    } catch (error) {
      message.textContent = isCertificateError(error) ? `${error.message} [${error.code}]` : `Erreur inattendue : ${(error as Error)?.message ?? String(error)}`;
    } finally {
      button.disabled = false;
      button.textContent = 'Ouvrir';
    }
  });
}
