import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { ExtractionError } from '@sne-toolbox/extraction';
import { defaultWorkerCount } from '../src/node/pool.js';
import { deserialiseError, serialiseError } from '../src/core/worker-errors.js';

// The segment writers and the batch share one rule for how many threads, and one way for an error
// to cross a thread boundary.

test.each([
  [Infinity, Math.min(availableParallelism(), 4)],
  [1, 1],
  [0, 1],
  [2, Math.min(2, availableParallelism())],
  [100, Math.min(availableParallelism(), 4)],
])('defaultWorkerCount(%d) = %d: one per core, at most 4, never more than the work', (work, expected) => {
  expect(defaultWorkerCount(work)).toBe(expected);
});

test('an ExtractionError crosses with its code, message and details', () => {
  const error = new ExtractionError('VERIFY_FAILED', 'La vérification a trouvé 1 différence.', { details: { cells: 4 } });
  const back = deserialiseError(structuredClone(serialiseError(error)));
  expect(back).toBeInstanceOf(ExtractionError);
  expect({ code: back.code, message: back.message, details: back.details }).toEqual({ code: 'VERIFY_FAILED', message: error.message, details: { cells: 4 } });
});

test('any other error is WRITE_FAILED, an unexpected error', () => {
  const back = deserialiseError(serialiseError(new TypeError('boom')));
  expect(back.code).toBe('WRITE_FAILED');
  expect(back.message).toContain('boom');
});
