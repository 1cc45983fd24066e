import { EXIT, say as sayTo } from '@sne-toolbox/node-io/cli';

/** What the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reference date (tests). */
  now?: Date;
  /** Aborted on SIGINT / SIGTERM / SIGHUP: nothing more is written. */
  signal?: AbortSignal;
}

/** Exit codes of `sne-certificates`: the table both CLIs share. */
export { EXIT };

/** A wrong option or argument, found by the CLI itself (exit code 2). */
export class UsageError extends Error {}

/** Where a command records its exit code. */
export interface RunState {
  code: number;
}

/** Writes what a person reads on stderr: node-io's one rule, with French spacing. */
export function say(io: Pick<CliIO, 'stderr'>, text: string): void {
  sayTo(io.stderr, text, { typography: true });
}
