// The command tree as completion data, read from the real commander tree (every group loaded): the
// subcommands of each command path, its options (which take a value, which values they accept) and
// the accepted values of its arguments. Hidden options (the refused secret flags, --header) are left
// out: completion must not suggest what the help does not show.
import type { Command, Option } from 'commander';

export interface CompletionOption {
  /** `--region`, `-o`. */
  names: string[];
  description: string;
  takesValue: boolean;
  /** Accepted values (enums), when known. */
  choices: string[];
  /** The value is a file name (`<path>`): complete file names. */
  valueIsPath: boolean;
}

export interface CompletionCommand {
  /** `hcdr geminidb dr` (words joined by one space). */
  path: string;
  description: string;
  subcommands: { name: string; description: string }[];
  /** Options of this command (the root's are global: valid everywhere). */
  options: CompletionOption[];
  /** Accepted values of its positional arguments, when they are an enum. */
  argumentChoices: string[];
}

function isHidden(option: Option): boolean {
  return (option as Option & { hidden?: boolean }).hidden === true;
}

export interface CompletionExtras {
  /** Region codes offered for every `<region>` value (core's endpoint table). */
  regions?: readonly string[];
}

function optionData(option: Option, extras: CompletionExtras): CompletionOption {
  const isRegion = /<region>/.test(option.flags);
  return {
    names: [option.long, option.short].filter((n): n is string => typeof n === 'string' && n !== ''),
    description: firstSentence(option.description),
    takesValue: option.required || option.optional,
    choices: option.argChoices ? [...option.argChoices] : isRegion ? [...(extras.regions ?? [])] : [],
    valueIsPath: /<path>/.test(option.flags),
  };
}

/** The first sentence, at most 80 characters: completion menus show one line per item. */
function firstSentence(text: string): string {
  const sentence = (text.split(/[.;]\s/)[0] ?? '').trim();
  return sentence.length > 80 ? `${sentence.slice(0, 79).trimEnd()}…` : sentence;
}

/** Every command of the tree, depth first, starting with the root. */
export function completionData(root: Command, extras: CompletionExtras = {}): CompletionCommand[] {
  const out: CompletionCommand[] = [];
  const walk = (command: Command, path: string) => {
    const subcommands = command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
    out.push({
      path,
      description: firstSentence(command.description()),
      subcommands: [
        ...subcommands.map((c) => ({ name: c.name(), description: firstSentence(c.description()) })),
        ...(command.commands.length > 0 && command === root ? [{ name: 'help', description: 'show help for a command' }] : []),
      ],
      options: [
        ...command.options.filter((o) => !isHidden(o)).map((o) => optionData(o, extras)),
        ...(command === root ? [{ names: ['--help', '-h'], description: 'show help', takesValue: false, choices: [], valueIsPath: false }, { names: ['--version', '-V'], description: 'print the version', takesValue: false, choices: [], valueIsPath: false }] : []),
      ].filter((o, i, all) => all.findIndex((x) => x.names[0] === o.names[0]) === i),
      argumentChoices: command.registeredArguments.flatMap((a) => a.argChoices ?? []),
    });
    for (const sub of subcommands) walk(sub, `${path} ${sub.name()}`);
  };
  walk(root, root.name());
  return out;
}
