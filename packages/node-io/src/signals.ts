import { rmSync } from 'node:fs';

/**
 * Temp files and folders this process made and has not yet removed or renamed into place. Whatever
 * way the process ends (a second Ctrl-C, an uncaught error), the `exit` hook removes them.
 */
const pending = new Set<string>();
let hooked = false;
let watcher: ((path: string, tracked: boolean) => void) | undefined;

/**
 * Reports every temp path this thread tracks or releases. A worker thread forwards them to the main
 * thread, whose `exit` hook then removes them too: a worker's own hook does not run when the
 * process exits on a second Ctrl-C.
 */
export function watchTemps(listener: (path: string, tracked: boolean) => void): void {
  watcher = listener;
}

function removePending(): void {
  for (const path of pending) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  pending.clear();
}

/** Records a temp path to remove if the process ends before {@link releaseTemp}. */
export function trackTemp(path: string): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', removePending);
  }
  pending.add(path);
  watcher?.(path, true);
}

/** The temp path was removed or renamed into place: stop tracking it. */
export function releaseTemp(path: string): void {
  pending.delete(path);
  watcher?.(path, false);
}

/** Conventional exit codes: 128 + the signal's number. */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, SIGBREAK: 149 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * Installs the CLI's signal handlers (only `bin.ts` calls this). The first SIGINT, SIGTERM or
 * SIGHUP (SIGBREAK on Windows) aborts `signal`: the work stops and removes its temp files, then
 * the bin sets the exit code from `received`. A second signal exits at once, after the `exit`
 * hook has removed every tracked temp file.
 */
export function handleStopSignals(): { signal: AbortSignal; received: () => StopSignal | undefined } {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const names: StopSignal[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const name of names) {
    process.on(name, () => {
      if (received) {
        removePending();
        process.exit(SIGNAL_EXIT_CODES[received]);
      }
      received = name;
      controller.abort(new Error(name));
    });
  }
  return { signal: controller.signal, received: () => received };
}
