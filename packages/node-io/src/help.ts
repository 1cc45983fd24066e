import type { Argument, Command, HelpConfiguration, Option } from 'commander';
import { printable } from '@sne-toolbox/text';

/** Commander's own English words in a help text, put into French (with French typography). */
export function frenchHelp(text: string): string {
  return text
    .replace(/^Usage: /gm, 'Utilisation\u202f: ')
    .replace(/^(Options|Commands|Arguments|Global Options):$/gm, (_, word: string) => `${{ Options: 'Options', Commands: 'Commandes', Arguments: 'Arguments', 'Global Options': 'Options générales' }[word]}\u202f:`)
    .replace(/\[options\]/g, '[options]')
    .replace(/\[command\]/g, '[commande]')
    .replace(/\(choices: ([^)]*?)(, default: ([^)]*))?\)/g, (_, choices: string, _d, def?: string) => `(au choix\u202f: ${choices.replace(/"/g, '')}${def ? `\u202f; par défaut\u202f: ${def.replace(/"/g, '')}` : ''})`)
    .replace(/\(default: ([^)]*)\)/g, (_, def: string) => `(par défaut\u202f: ${def.replace(/"/g, '')})`)
    .replace('display help for command', 'affiche l\'aide')
    .replace('display help for', 'affiche l\'aide de')
    .replace('output the version number', 'affiche la version');
}

function withDetails(description: string, choices: readonly string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined): string {
  const details: string[] = [];
  if (choices?.length) details.push(`au choix\u202f: ${choices.join(', ')}`);
  if (defaultValue !== undefined && defaultValue !== false) details.push(`par défaut\u202f: ${defaultDescription ?? String(defaultValue)}`);
  return details.length ? `${description} (${details.join('\u202f; ')})` : description;
}

/**
 * Commander's help in French before it wraps lines: choices and defaults are written by these
 * functions, so no English « (choices: …, default: …) » can be cut across two lines.
 */
export const FRENCH_HELP: HelpConfiguration = {
  optionDescription: (option: Option) => withDetails(option.description, option.argChoices, option.negate ? undefined : option.defaultValue, option.defaultValueDescription),
  argumentDescription: (argument: Argument) => withDetails(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription),
};

/**
 * The quoted name in one of commander's messages (`unknown option '--x'`), cut at `=`: a mistyped
 * `--passwrd=SECRET` must not print the secret. Made printable: it is what the user typed.
 */
function quoted(message: string): string {
  return printable((/'([^']+)'/.exec(message)?.[1] ?? '').replace(/=.*$/s, '=…'));
}

/**
 * A commander usage error in French, saying what to do next. `bin` names the program;
 * `commands` lists its commands for the "unknown command" case.
 */
export function frenchCommanderError(error: { code: string; message: string }, bin: string, commands: readonly string[]): string {
  switch (error.code) {
    case 'commander.unknownOption':
      return `option inconnue ${quoted(error.message)}. Voir ${bin} --help.`;
    case 'commander.unknownCommand':
      return `commande inconnue « ${quoted(error.message)} »\u202f: utilisez ${commands.join(', ')}. Voir ${bin} --help.`;
    case 'commander.missingArgument':
      return `il manque le fichier à traiter. Voir ${bin} --help.`;
    case 'commander.optionMissingArgument':
      return `il manque la valeur de l'option ${quoted(error.message)}.`;
    case 'commander.missingMandatoryOptionValue':
      return `option obligatoire manquante\u202f: ${quoted(error.message)}.`;
    case 'commander.excessArguments':
      return `trop d'arguments. Voir ${bin} --help.`;
    case 'commander.conflictingOption':
      return `ces options ne vont pas ensemble. Voir ${bin} --help.`;
    case 'commander.invalidArgument': {
      const choice = /Allowed choices are (.*)\./.exec(error.message);
      return choice ? `valeur ${quoted(error.message)} invalide\u202f: choisissez parmi ${choice[1]}.` : `valeur invalide (${error.message.replace(/^error: /, '')}).`;
    }
    default:
      return `${error.message.replace(/^error: /, '')}. Voir ${bin} --help.`;
  }
}

/** Sets French help and version words on a program and all its commands; help text goes to `write`. */
export function useFrenchHelp(program: Command, write: (text: string) => void): Command {
  // Commander copies settings into a subcommand when it is created: set them on every command.
  for (const command of [program, ...program.commands]) {
    command
      .configureOutput({ writeOut: (s) => write(frenchHelp(s)), writeErr: () => {} })
      .configureHelp(FRENCH_HELP)
      .helpOption('-h, --help', 'affiche l\'aide');
  }
  return program;
}
