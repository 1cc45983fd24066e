/**
 * French typography: a narrow no-break space (U+202F) before `; : ! ?` and inside guillemets.
 * The one copy for both packages and the page: messages, LISEZMOI and help read the same.
 */
export function frenchTypography(text: string): string {
  return text.replace(/ ([;:!?])(?=\s|$)/g, '\u202f$1').replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»');
}

/**
 * The one sentence for a bug or an unforeseen failure, in both CLIs, both packages and the page:
 * `error`'s own message, and what to do.
 */
export function unexpectedErrorSentence(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Erreur inattendue : ${detail}. Signalez-la avec la commande ou le fichier en cause, si vous pouvez le partager.`;
}
