#!/usr/bin/env node
// Developer recipe: convert a file with the Node API and print the report.
// Usage: node examples/convert-with-library.mjs [input.csv] [output.xlsx]
import { convertFile } from '@sne-toolbox/extraction/node';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const input = process.argv[2] ?? fileURLToPath(new URL('./extraction-sne.csv', import.meta.url));
const output = process.argv[3] ?? fileURLToPath(new URL('./out/extraction-bibliotheque.xlsx', import.meta.url));

mkdirSync(dirname(output), { recursive: true });
const report = await convertFile(input, { output, force: true });
console.log(`${report.rows} lignes, ${report.columns} colonnes, encodage ${report.encoding}`);
for (const column of report.columnTypes) console.log(`  ${column.type.padEnd(8)} ${column.name}`);
