import { describe, expect, test } from 'vitest';
import { runBin } from './helpers.js';

// Every word of both CLIs' help is French, commander's own words included.
const ENGLISH = /\bUsage\b|\(choices|\(default|default:|\[command\]|display help|output the version|Options:|Commands:|Arguments:/;

describe('help entirely in French', () => {
  test.each([
    ['extraction', []],
    ['extraction', ['convert']],
    ['extraction', ['inspect']],
    ['certificates', []],
    ['certificates', ['inspect']],
    ['certificates', ['extract']],
    ['certificates', ['check']],
  ] as const)('sne-%s %j --help', (pkg, command) => {
    const r = runBin(pkg, [...command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Utilisation\u202f: /);
    expect(r.stdout).not.toMatch(ENGLISH);
  });

  test('usage errors in French, lower case after the colon', () => {
    for (const [pkg, args] of [['extraction', ['convert', 'a.csv', '--bogus']], ['certificates', ['frobnicate']]] as const) {
      const r = runBin(pkg, [...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^Erreur d'utilisation\u202f: [a-zé]/);
    }
  });
});
