// What commander knows about options, arranged for users: required options are listed first in
// `--help` under their own heading and all reported together when missing (commander reports the
// first one only, so a user met them one run at a time), and the values an option accepts are
// recorded for `--help` and shell completion.
import { type Command, Option } from 'commander';
import type { InputProblem } from '../io/errors.js';

const REQUIRED_HEADING = 'Required options:';
const required = new WeakSet<Option>();

/**
 * Takes over commander's mandatory-option check for the whole tree: each `.requiredOption()` is
 * moved to the top of its command's help under "Required options:", and missingRequiredOptions()
 * reports all of them at once before the command runs.
 */
export function markRequiredOptions(root: Command): void {
  const walk = (command: Command) => {
    const mandatory = command.options.filter((o) => o.mandatory || required.has(o));
    if (mandatory.length) {
      for (const option of mandatory) {
        required.add(option);
        option.mandatory = false;
        option.helpGroup(REQUIRED_HEADING);
      }
      // Help groups appear in the order of their first option.
      const rest = command.options.filter((o) => !required.has(o));
      // commander types the list read-only; reordering it changes only the help layout, not parsing.
      (command.options as Option[]).splice(0, command.options.length, ...mandatory, ...rest);
    }
    for (const sub of command.commands) walk(sub);
  };
  walk(root);
}

/** True for an option declared with `.requiredOption()`. */
export function isRequiredOption(option: Option): boolean {
  return required.has(option) || option.mandatory;
}

/** Every required option of `command` that was not given, as input problems (one run names them all). */
export function missingRequiredOptions(command: Command): InputProblem[] {
  return command.options
    .filter((o) => isRequiredOption(o) && command.getOptionValue(o.attributeName()) === undefined)
    .map((o) => ({ flag: o.long ?? o.flags, message: `is required (${o.description})` }));
}

/**
 * The values an option accepts, for `--help` ("choices: ...") and shell completion. Validation stays
 * with the command's own checks (all problems reported at once, values trimmed), so commander's
 * choices parser is not installed.
 */
export function withChoices(option: Option, values: readonly string[]): Option {
  option.argChoices = [...values];
  return option;
}

/** An option with a fixed set of values (shown in --help and offered by shell completion). */
export function choice(flags: string, description: string, values: readonly string[], defaultValue?: string): Option {
  const option = withChoices(new Option(flags, description), values);
  return defaultValue === undefined ? option : option.default(defaultValue);
}
