#!/usr/bin/env node
import { handleStopSignals, SIGNAL_EXIT_CODES } from '@sne-toolbox/node-io';
import { run } from './cli/run.js';

// The only place that touches the process: the first SIGINT, SIGTERM or SIGHUP aborts the work
// (which removes its temp files), then the exit code says which signal (130, 143, 129).
const stop = handleStopSignals();
const code = await run(process.argv.slice(2), { signal: stop.signal });
const received = stop.received();
process.exitCode = received ? SIGNAL_EXIT_CODES[received] : code;
