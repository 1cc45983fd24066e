#!/usr/bin/env node
import { run } from './cli.js';

// The only place that touches the process: the exit code is set, never process.exit().
process.exitCode = await run(process.argv.slice(2));
