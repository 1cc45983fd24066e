import { type CertificateSummary, DEFAULT_WARN_DAYS, type ExportedFile, expiresSoon, MAX_INPUT_BYTES, passwordWarning } from '@sne-toolbox/certificates';
import { CHAIN_LABELS, frDate, frDays, safeFileNamePart } from '@sne-toolbox/certificates/internal';
import { printable, unexpectedErrorSentence } from '@sne-toolbox/text';
import { webDeflate, ZipWriter } from '@sne-toolbox/extraction/internal';
import CertificatesWorker from './certificates-worker.ts?worker&inline';
import type { CertificatesRequest, CertificatesResponse } from './certificates-worker.js';
import { download, downloadLink, dropZone, el } from './download.js';

/**
 * Said instead of opening anything where WebCrypto's `subtle` is missing (a page served over plain
 * http): without it no key could be proven to be its certificate's (issue 19, item 3).
 */
export const INSECURE_CONTEXT_MESSAGE =
  'Cette page doit être ouverte depuis le poste (fichier enregistré, adresse en file://) ou en https : servie en http simple, le navigateur ne donne pas la vérification cryptographique (WebCrypto) qui prouve que chaque clé privée correspond à son certificat. Enregistrez la page sur le poste et ouvrez-la, ou demandez une adresse https.';

/** A message for the agent; the error's code stays out of the sentence, in the title and `data-code`. */
function showError(message: HTMLElement, text: string, code: string): void {
  message.textContent = text;
  message.title = `Code : ${code}`;
  message.dataset.code = code;
}

/** The private-key column: « prouvée » only when a signature proved it. */
function keyCell(c: CertificateSummary): string {
  if (c.hasPrivateKey) return c.keyMatches === true ? 'oui (correspondance prouvée)' : 'oui (correspondance NON VÉRIFIÉE)';
  return c.keyMatches === false ? 'ne correspond pas' : 'non';
}

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
  if (f.kind === 'ics') return 'rappel de renouvellement : ouvrez-le pour l\'ajouter à votre agenda (Outlook, Thunderbird, Google Agenda)';
  return '';
}

function status(c: CertificateSummary): { text: string; cls: string } {
  if (c.validity === 'expire') return { text: `Expiré depuis le ${frDate(c.notAfter)}`, cls: 'expired' };
  if (c.validity === 'pas-encore-valide') return { text: `Pas encore valide (à partir du ${frDate(c.notBefore)})`, cls: 'expired' };
  if (expiresSoon(c, DEFAULT_WARN_DAYS)) return { text: `Expire bientôt : dans ${frDays(c.daysLeft)}`, cls: 'soon' };
  return { text: `${frDays(c.daysLeft)} restants`, cls: '' };
}

/** The chain column: the verdict, and why in the cell's title (« INVALIDE » stands out). */
function chainCell(c: CertificateSummary): HTMLTableCellElement {
  const cell = el('td', CHAIN_LABELS[c.chain], c.chain === 'invalide' ? 'status-expired' : undefined) as HTMLTableCellElement;
  cell.title = printable(c.chainReason);
  cell.dataset.chain = c.chain;
  return cell;
}

function table(certificates: readonly CertificateSummary[]): HTMLTableElement {
  const t = el('table');
  t.id = 'cert-table';
  const caption = el('caption', 'Certificats trouvés');
  const head = el('tr');
  for (const h of ['Rôle', 'Titulaire', 'Émetteur', 'Expire le', 'État', 'Clé privée', 'Chaîne']) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  t.append(caption, head);
  for (const c of certificates) {
    const s = status(c);
    const row = el('tr', undefined, s.cls);
    row.dataset.role = c.role;
    row.append(
      el('td', ROLE_LABELS[c.role] ?? c.role),
      // Text from the certificate through the printable rule: no bidi or control character reorders the row.
      el('td', printable(c.subject.commonName ?? c.subject.text)),
      el('td', printable(`${c.issuer.commonName ?? c.issuer.text}${c.authority && !(c.issuer.commonName ?? '').includes(c.authority.name) ? ` (${c.authority.name})` : ''}`)),
      el('td', frDate(c.notAfter)),
      el('td', s.text, s.cls ? `status-${s.cls}` : undefined),
      el('td', keyCell(c)),
      chainCell(c),
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

/** Opens and exports in a Web Worker (created on first use): a crafted bundle never freezes the page. */
function certificatesWorker(): (request: Omit<CertificatesRequest, 'id'>) => Promise<CertificatesResponse> {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, (message: CertificatesResponse) => void>();
  return (request) =>
    new Promise<CertificatesResponse>((resolve) => {
      if (!worker) {
        worker = new CertificatesWorker();
        worker.onmessage = (event: MessageEvent<CertificatesResponse>) => pending.get(event.data.id)?.(event.data);
      }
      const id = nextId++;
      pending.set(id, (message) => {
        pending.delete(id);
        resolve(message);
      });
      worker.postMessage({ id, ...request } satisfies CertificatesRequest);
    });
}

/**
 * The PASSWORD_NOT_PORTABLE note under the output password field; returns its update function
 * (true when shown). Typed in the output field: shown at once; the certificate's own password
 * shows when the bundle is opened.
 */
function passwordNoteBeside(password: HTMLInputElement, outPassword: HTMLInputElement): () => boolean {
  const note = el('p', undefined, 'warning');
  note.id = 'cert-out-password-warning';
  note.hidden = true;
  note.setAttribute('aria-live', 'polite');
  outPassword.setAttribute('aria-describedby', note.id);
  outPassword.after(note);
  const updateNote = () => passwordNote(note, password.value, outPassword.value);
  outPassword.addEventListener('input', updateNote);
  password.addEventListener('input', () => {
    if (!note.hidden) updateNote();
  });
  return updateNote;
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
  const updateNote = passwordNoteBeside(password, outPassword);
  const work = certificatesWorker();

  const setFiles = (files: File[]) => {
    chosen = files;
    filesLine.textContent = files.length ? `Fichier${files.length > 1 ? 's' : ''} : ${files.map((f) => f.name).join(', ')}` : '';
  };
  input.addEventListener('change', () => setFiles([...(input.files ?? [])]));
  dropZone(document.querySelector<HTMLElement>('#cert-drop')!, setFiles);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    message.removeAttribute('title');
    delete message.dataset.code;
    results.replaceChildren();
    if (!chosen.length) {
      message.textContent = 'Choisissez d\'abord le fichier de certificat reçu de l\'autorité.';
      return;
    }
    const tooBig = chosen.find((f) => f.size > MAX_INPUT_BYTES);
    if (tooBig) {
      // The CLI's bound, checked before reading: a 1 GB file is never read into memory.
      message.textContent = `« ${printable(tooBig.name)} » fait ${Math.round(tooBig.size / 1048576).toLocaleString('fr-FR')} Mo : un fichier de certificat fait quelques kilo-octets (au plus ${MAX_INPUT_BYTES / 1048576} Mo). Choisissez le fichier .p12, .pfx, .cer ou .pem reçu de l'autorité de certification.`;
      return;
    }
    if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) {
      showError(message, INSECURE_CONTEXT_MESSAGE, 'INSECURE_CONTEXT');
      return;
    }
    button.disabled = true;
    button.textContent = 'Ouverture…';
    try {
      const inputs = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const pw = password.value;
      const outcome = await work({ inputs, password: pw === '' ? undefined : pw, outPassword: outPassword.value || pw, passwordReused: !outPassword.value, profile: profile.value === 'modern' ? 'modern' : 'compatible' });
      if (outcome.type === 'error') {
        showError(message, outcome.message, outcome.code);
        return;
      }
      const { certificates, files, warnings } = outcome;
      results.append(table(certificates));
      // The note sits in the options: open them so it is seen beside the field it is about.
      if (updateNote()) outPassword.closest('details')!.open = true;
      // PASSWORD_NOT_PORTABLE is said in the note, beside its field.
      for (const w of warnings.filter((x) => x.code !== 'PASSWORD_NOT_PORTABLE')) results.append(el('p', `Avertissement : ${w.message}`, 'warning'));
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
      const holder = certificates.find((c) => c.hasPrivateKey)?.subject.commonName;
      const zipName = holder ? `certificats-sne - ${safeFileNamePart(holder) || 'titulaire'}.zip` : 'certificats-sne.zip';
      all.addEventListener('click', async () => download(await zipFiles(files), zipName));
      results.append(el('h3', 'Fichiers prêts'), list, all);
    } catch (error) {
      message.textContent = unexpectedErrorSentence(error);
    } finally {
      button.disabled = false;
      button.textContent = 'Ouvrir';
    }
  });
}
