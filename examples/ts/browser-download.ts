// Browser: the agent picks a CSV file, the page converts it and offers the workbook as a download.
// Nothing leaves the machine: the conversion runs in the page (or a Web Worker).
import { convertExtraction, isExtractionError } from '@sne-toolbox/extraction';

export async function convertPickedFile(file: File, status: (text: string) => void): Promise<void> {
  try {
    const conversion = await convertExtraction(file, {
      onProgress: ({ phase, bytesRead, totalBytes }) => status(`${phase} ${totalBytes ? Math.round((100 * bytesRead) / totalBytes) : 0} %`),
    });
    const blob = await conversion.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = file.name.replace(/\.[^.]*$/, '') + '.xlsx';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status(`${conversion.report.rows} lignes converties.`);
  } catch (error) {
    status(isExtractionError(error) ? error.message : 'Erreur inattendue.');
  }
}

export function wire(input: HTMLInputElement, output: HTMLElement): void {
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void convertPickedFile(file, (text) => (output.textContent = text));
  });
}
