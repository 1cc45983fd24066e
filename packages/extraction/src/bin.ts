#!/usr/bin/env node
import { run } from './cli.js';

// The only place that touches the process: signals abort the conversion (which then removes its temp
// file) and the exit code is set, never process.exit(), so pending writes are flushed.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort(new Error(signal)));
}
process.exitCode = await run(process.argv.slice(2), { signal: controller.signal });
