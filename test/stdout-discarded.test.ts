import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';

// Issue 26, item 7: `-o -` with standard output closed (`>&-`). Node reopens a closed descriptor on
// the null device before any code runs: the workbook goes nowhere, so the summary must say so. The
// test gives the bin its own null device node (mknod), never the machine's /dev/null.

const BIN = join(ROOT, 'packages/extraction/dist/bin.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-stdout-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('-o - onto the null device', () => {
  test('never a bare « ✔ »: the summary says nothing was kept, even with -q', () => {
    writeFileSync(join(dir, 'data.csv'), 'Nom;Montant\r\nDupont;12,5\r\n');
    expect(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status).toBe(0);
    for (const quiet of [[], ['-q']]) {
      const fd = openSync(join(dir, 'null'), 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, 'convert', 'data.csv', '-o', '-', ...quiet], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        expect(r.stderr).not.toMatch(/^✔/m);
        expect(r.stderr).toMatch(/^⚠ data\.csv → sortie standard = \/dev\/null/m);
        expect(r.stderr).toContain('aucun classeur n\'a été gardé');
      } finally {
        closeSync(fd);
      }
    }
  });

  test('a regular file as standard output still ends on « ✔ » (the control)', () => {
    writeFileSync(join(dir, 'data.csv'), 'Nom;Montant\r\nDupont;12,5\r\n');
    const fd = openSync(join(dir, 'out.xlsx'), 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'convert', 'data.csv', '-o', '-'], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/^✔ data\.csv → sortie standard/m);
    } finally {
      closeSync(fd);
    }
  });
});
