import { describe, expect, test } from 'vitest';
import { writeFailure } from '@sne-toolbox/node-io';

// Each write failure says what to do next, in words an agent can act on.
describe('writeFailure', () => {
  test.each([
    ['EBUSY', 'fermez le classeur dans Excel puis recommencez'],
    ['EPERM', 'fermez le classeur dans Excel puis recommencez'],
    ['ENOENT', 'le dossier n\'existe pas'],
    ['ENOSPC', 'le disque est plein'],
    ['EACCES', 'vous n\'avez pas le droit d\'écrire'],
    ['EROFS', 'lecture seule'],
  ])('%s → « %s »', (errno, words) => {
    const error = writeFailure('classeur.xlsx', Object.assign(new Error(errno), { code: errno }));
    expect(error).toMatchObject({ code: 'WRITE_FAILED', errno });
    expect(error.message).toContain(words);
    expect(error.message).toContain('« classeur.xlsx »');
  });

  test('no message promises disk space for a locked or missing target', () => {
    for (const errno of ['EBUSY', 'EPERM', 'ENOENT', 'EACCES']) {
      expect(writeFailure('x', Object.assign(new Error(errno), { code: errno })).message).not.toContain('libérez de la place');
    }
  });
});

describe('library messages name no CLI option; the CLI advice is in hint', () => {
  test.each(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EBUSY', 'EXDEV'])('writeFailure %s', (code) => {
    const error = writeFailure('/x/classeur.xlsx', Object.assign(new Error(code), { code }));
    expect(error.message).not.toMatch(/(^|\s)-o\b|--\w/);
    if (!['EBUSY', 'EXDEV'].includes(code)) expect(error.hint).toMatch(/-o </);
  });
});
