import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { errorLine, EXIT, jsonError, runCli, type ShellError } from '../src/cli.js';

class KnownError extends Error {
  constructor(readonly code: string, message: string, readonly usage = false) {
    super(message);
  }
}

function harness(action: (opts: { json?: boolean }) => Promise<number> | number) {
  let code: number = EXIT.OK;
  const program = new Command('demo').version('1.0.0');
  program
    .command('go')
    .argument('<file>')
    .option('--json')
    .action(async (_file: string, opts: { json?: boolean }) => {
      code = await action(opts);
    });
  const out: string[] = [];
  const err: string[] = [];
  const describe = (error: unknown): ShellError | undefined =>
    error instanceof KnownError ? { code: error.code, message: error.message, hint: 'Essayez --force.', usage: error.usage, file: 'a.csv' } : undefined;
  return {
    run: (argv: string[]) => runCli(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, { bin: 'demo', program, result: () => code, describe }),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('runCli', () => {
  it.each([
    ['the action\'s code', ['go', 'x'], () => 3, 3],
    ['help', ['--help'], () => 0, EXIT.OK],
    ['version', ['--version'], () => 0, EXIT.OK],
    ['no argument at all: help, usage code', [], () => 0, EXIT.USAGE],
    ['unknown option', ['go', 'x', '--nope'], () => 0, EXIT.USAGE],
    ['unknown command', ['fly'], () => 0, EXIT.USAGE],
    ['a known error', ['go', 'x'], () => { throw new KnownError('OUTPUT_EXISTS', 'Le fichier existe.'); }, EXIT.FAILED],
    ['a known usage error', ['go', 'x'], () => { throw new KnownError('USAGE', 'Valeur invalide.', true); }, EXIT.USAGE],
    ['a bug', ['go', 'x'], () => { throw new TypeError('boom'); }, EXIT.FAILED],
  ])('%s', async (_name, argv, action, expected) => {
    const h = harness(action as () => number);
    expect(await h.run(argv as string[])).toBe(expected);
  });

  it('speaks French in help and usage errors', async () => {
    const h = harness(() => 0);
    await h.run(['--help']);
    expect(h.out()).toMatch(/^Utilisation\u202f: demo/m);
    await h.run(['go', 'x', '--nope']);
    expect(h.err()).toBe('Erreur d\'utilisation\u202f: option inconnue --nope. Voir demo --help.\n');
  });

  it('prints the hint after the message, and one JSON error shape with --json', async () => {
    const h = harness(() => {
      throw new KnownError('OUTPUT_EXISTS', 'Le fichier existe.');
    });
    await h.run(['go', 'x', '--json']);
    expect(h.err()).toBe('✘ Le fichier existe. Essayez --force. [OUTPUT_EXISTS]\n');
    expect(JSON.parse(h.out())).toEqual({ error: { code: 'OUTPUT_EXISTS', message: 'Le fichier existe.', hint: 'Essayez --force.', file: 'a.csv' } });
  });

  it('reports an unknown error as INTERNAL, in French', async () => {
    const h = harness(() => {
      throw new TypeError('boom');
    });
    await h.run(['go', 'x', '--json']);
    expect(JSON.parse(h.out()).error.code).toBe('INTERNAL');
    expect(h.err()).toMatch(/^✘ Erreur inattendue\u202f: boom\..*\[INTERNAL\]\n$/);
  });
});

describe('errorLine', () => {
  it('never lets control characters of a message or a file name reach the terminal', () => {
    const line = errorLine({ code: 'NOT_CSV', message: 'Colonne « a\u001b]0;x\u0007 » de f\u202e.csv\nsuite' });
    expect(line).toContain('f\\u202e.csv');
    expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(line).toContain('\\x1b]0;x\\x07');
    // One line: a line feed from a name is shown as \n, it cannot forge a second line (issue 26).
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('.csv\\nsuite');
  });

  it('gives file as null and omits the hint when absent', () => {
    expect(jsonError({ code: 'X', message: 'm' })).toEqual({ code: 'X', message: 'm', file: null });
  });
});

describe('what the user typed is never echoed whole', () => {
  it('a mistyped option with a value: the value is cut (--passwrd=SECRET)', async () => {
    let err = '';
    const program = new Command('demo');
    program.command('go').option('--password <p>').action(() => {});
    await runCli(['go', '--passwrd=TOPSECRET'], { stdout: { write: () => {} }, stderr: { write: (s: string) => (err += s) } }, { bin: 'demo', program, result: () => 0, describe: () => undefined });
    expect(err).toContain('--passwrd=…');
    expect(err).not.toContain('TOPSECRET');
  });

  it('JSON errors escape C1 and bidi characters that JSON.stringify leaves raw', async () => {
    let out = '';
    const program = new Command('demo');
    program.command('go').option('--json').action(() => {
      throw new Error('x');
    });
    await runCli(['go', '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} } }, {
      bin: 'demo', program, result: () => 0,
      describe: () => ({ code: 'NOT_CSV', message: 'a\u009b2Jb \u202egnp.cod' }),
    });
    expect(out).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(JSON.parse(out).error.message).toBe('a\u009b2Jb \u202egnp.cod');
  });
});
