import { printable, safeFileStem } from '@sne-toolbox/text';
import { ROLE_LABELS } from './messages.js';

// Names made from a certificate's subject, which is untrusted text: the same rules for the files,
// the friendly name inside a `.p12` (the alias Java shows) and LISEZMOI, which quotes both.

/**
 * A holder's name made safe as a Windows file name part (`safeFileStem`): no \\ / : * ? " < > |,
 * control, bidi, zero-width or tag character, no trailing dot or space, not a reserved device name,
 * at most 60 code points and 200 bytes of UTF-8 (with the role and the longest extension, a name
 * stays under the 255 bytes file systems allow); '' when nothing usable is left.
 */
export function safeFileNamePart(text: string): string {
  return safeFileStem(text, 60, 200);
}

/** The file name of a role's file: `role - Holder.ext`, or `role.ext`. */
export function roleFileName(role: string, extension: string, commonName: string | null | undefined, style: 'holder' | 'plain'): string {
  const holder = style === 'holder' ? safeFileNamePart(commonName ?? '') : '';
  return holder ? `${role} - ${holder}${extension}` : `${role}${extension}`;
}

/**
 * The friendly name of a key in an exported `.p12` (`Signature - Jeanne Dupont`): what Windows,
 * Thunderbird and Java show (Java as the alias, in lower case). A BMPString holds only U+0000–U+FFFF:
 * a character beyond is written U+FFFD; controls and bidi marks are shown as escapes.
 */
export function friendlyName(role: keyof typeof ROLE_LABELS, commonName: string | null | undefined): string {
  return `${ROLE_LABELS[role]} - ${printable(commonName ?? 'certificat RGS')}`.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '\ufffd');
}

/** The alias Java gives that key (keytool -list): the friendly name in lower case. */
export function javaAlias(name: string): string {
  return name.toLowerCase();
}
