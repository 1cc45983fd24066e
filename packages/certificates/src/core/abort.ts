import { CertificateError } from './errors.js';

/**
 * Long work (derivations, bag walks, chain checks) stops between steps when its signal is aborted.
 * Promises alone never let a signal handler run: the event loop must get a turn, so the work yields
 * to it (a macrotask) at most every {@link YIELD_EVERY_MS}, which costs well under 1 % of the time.
 */
const YIELD_EVERY_MS = 50;
let lastYield = 0;

/** The error of work stopped by its signal; the signal's reason is kept as the cause. */
export function abortedError(signal: AbortSignal): CertificateError {
  return new CertificateError('ABORTED', 'Interrompu : la lecture des certificats a été arrêtée.', { cause: signal.reason });
}

/** Throws {@link abortedError} when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}

/**
 * A point between two steps of long work: gives the event loop a turn when the last one is more
 * than 50 ms old (so a SIGINT handler or a click can abort `signal`), then throws when aborted.
 * Without a signal nothing can stop the work: it returns at once.
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  const now = Date.now();
  if (now - lastYield >= YIELD_EVERY_MS) {
    lastYield = now;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throwIfAborted(signal);
}
