/**
 * French typography: a narrow no-break space (U+202F) before `; : ! ?` and inside guillemets.
 * The one copy for both packages and the page: messages, LISEZMOI and help read the same.
 */
export function frenchTypography(text: string): string {
  return text.replace(/ ([;:!?])(?=\s|$)/g, '\u202f$1').replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»');
}
