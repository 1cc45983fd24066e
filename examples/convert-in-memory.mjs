#!/usr/bin/env node
// Developer recipe: the core works on bytes (as in a browser): no file system involved.
import { convertToBytes } from '@sne-toolbox/extraction';

const csv = 'Numéro unique;Date de dépôt;Montant\r\n0590423808575GDPUB;12/03/2020;1 234,56\r\n';
const { report, bytes } = await convertToBytes(new TextEncoder().encode(csv), { name: 'memoire.csv' });
console.log(JSON.stringify({ rows: report.rows, types: report.columnTypes.map((c) => c.type), bytes: bytes.byteLength }));
