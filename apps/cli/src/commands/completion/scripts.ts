// Shell completion scripts for bash, zsh and fish, generated from the completion data of the real
// command tree (tree.ts). The scripts hold the tree as `case` tables (no associative arrays: macOS
// still ships bash 3.2) and walk the words typed so far to find the command path: options and their
// values are skipped, subcommand names descend. Then they offer the option's values (enums, or file
// names for a <path>), the command's options after a "-", or its subcommands / argument values.
import type { CompletionCommand } from './tree.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** POSIX single quotes (bash and zsh). */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Fish single quotes: only \ and ' are escaped. */
function fq(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Descriptions on one line, without characters that mean something to the shells' completion lists. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`$]/g, '').trim();
}

const words = (list: readonly string[]) => list.join(' ');

interface Tables {
  root: CompletionCommand;
  commands: readonly CompletionCommand[];
}

function tables(commands: readonly CompletionCommand[]): Tables {
  const root = commands[0];
  if (!root) throw new Error('empty command tree');
  return { root, commands };
}

/** A `case "$1" in 'path') echo ...;; esac` function (bash and zsh share the syntax). */
function caseFunction(name: string, rows: readonly [string, string][]): string {
  const body = rows.filter(([, value]) => value !== '').map(([key, value]) => `    ${sq(key)}) printf '%s\\n' ${sq(value)} ;;`);
  return [`${name}() {`, '  case "$1" in', ...body, '  esac', '}'].join('\n');
}

function valueOptions(command: CompletionCommand): string[] {
  return command.options.filter((o) => o.takesValue).flatMap((o) => o.names);
}

/** The tables both POSIX-like shells use. */
function posixTables({ root, commands }: Tables, prefix: string): string {
  const choiceRows: [string, string][] = [];
  const pathRows: [string, string][] = [];
  for (const command of commands) {
    for (const option of command.options) {
      for (const name of option.names) {
        // The root's options are global: valid after any command path.
        const key = command === root ? `*|${name}` : `${command.path}|${name}`;
        if (option.choices.length) choiceRows.push([key, words(option.choices)]);
        else if (option.valueIsPath) pathRows.push([key, 'path']);
      }
    }
  }
  // Specific paths first: a case statement takes the first match.
  const specificFirst = (rows: [string, string][]) => [...rows.filter(([k]) => !k.startsWith('*')), ...rows.filter(([k]) => k.startsWith('*'))];
  return [
    caseFunction(
      `${prefix}_subcommands`,
      commands.map((c) => [c.path, words(c.subcommands.map((s) => s.name))]),
    ),
    caseFunction(
      `${prefix}_options`,
      commands.filter((c) => c !== root).map((c) => [c.path, words(c.options.flatMap((o) => o.names))]),
    ),
    caseFunction(
      `${prefix}_value_options`,
      commands.filter((c) => c !== root).map((c) => [c.path, words(valueOptions(c))]),
    ),
    caseFunction(`${prefix}_arguments`, commands.map((c) => [c.path, words(c.argumentChoices)])),
    // Choices are keyed "path|--flag"; a case pattern can match any path for global options.
    [
      `${prefix}_choices() {`,
      '  case "$1|$2" in',
      ...specificFirst(choiceRows).map(([key, value]) => `    ${key.startsWith('*') ? `*${sq(key.slice(1))}` : sq(key)}) printf '%s\\n' ${sq(value)} ;;`),
      '  esac',
      '}',
    ].join('\n'),
    [
      `${prefix}_path_value() {`,
      '  case "$1|$2" in',
      ...specificFirst(pathRows).map(([key]) => `    ${key.startsWith('*') ? `*${sq(key.slice(1))}` : sq(key)}) return 0 ;;`),
      '  esac',
      '  return 1',
      '}',
    ].join('\n'),
    `${prefix}_global_options=${sq(words(root.options.flatMap((o) => o.names)))}`,
    `${prefix}_global_value_options=${sq(` ${words(valueOptions(root))} `)}`,
  ].join('\n\n');
}

/**
 * The loop both POSIX-like shells run over the words before the cursor: options (and the value of
 * one that takes a value) are skipped, subcommand names extend the command path in $cmdpath.
 */
function walkWords(array: string, first: number, current: string): string {
  return `  for ((i = ${first}; i < ${current}; i++)); do
    word="\${${array}[i]}"
    if [[ "$word" == -* ]]; then
      if [[ "$word" != *=* && " $(_hcdr_value_options "$cmdpath") $_hcdr_global_value_options " == *" $word "* ]]; then ((i++)); fi
      continue
    fi
    if [[ " $(_hcdr_subcommands "$cmdpath") " == *" $word "* ]]; then cmdpath="$cmdpath $word"; fi
  done`;
}

function header(shell: Shell, version: string, install: readonly string[]): string {
  return [`# hcdr ${version} completion for ${shell} (generated by \`hcdr completion ${shell}\` from the command tree)`, ...install.map((l) => `# ${l}`), ''].join('\n');
}

export function bashScript(commands: readonly CompletionCommand[], version: string): string {
  const t = tables(commands);
  return `${header('bash', version, [
    'Install: hcdr completion bash > ~/.local/share/bash-completion/completions/hcdr',
    '     or: echo \'source <(hcdr completion bash)\' >> ~/.bashrc',
  ])}
${posixTables(t, '_hcdr')}

_hcdr() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="hcdr" word i
${walkWords('COMP_WORDS', 1, 'COMP_CWORD')}
  if ((COMP_CWORD > 1)); then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  if [[ "$prev" == -* && " $(_hcdr_value_options "$cmdpath") $_hcdr_global_value_options " == *" $prev "* ]]; then
    local values
    values="$(_hcdr_choices "$cmdpath" "$prev")"
    if [[ -n "$values" ]]; then
      COMPREPLY=($(compgen -W "$values" -- "$cur"))
    elif _hcdr_path_value "$cmdpath" "$prev"; then
      COMPREPLY=($(compgen -f -- "$cur"))
    else
      COMPREPLY=()
    fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_hcdr_options "$cmdpath") $_hcdr_global_options" -- "$cur"))
    return 0
  fi
  local subcommands
  subcommands="$(_hcdr_subcommands "$cmdpath")"
  if [[ -n "$subcommands" ]]; then
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_hcdr_arguments "$cmdpath")" -- "$cur"))
  fi
  return 0
}

complete -F _hcdr hcdr
`;
}

export function zshScript(commands: readonly CompletionCommand[], version: string): string {
  const t = tables(commands);
  const describeRows = (pick: (c: CompletionCommand) => string[]): [string, string][] => t.commands.map((c) => [c.path, pick(c).join('\n')]);
  const describe = (name: string, rows: [string, string][]) =>
    [`${name}() {`, '  case "$1" in', ...rows.filter(([, v]) => v !== '').map(([k, v]) => `    ${sq(k)}) printf '%s\\n' ${sq(v)} ;;`), '  esac', '}'].join('\n');
  const item = (name: string, description: string) => `${name.replace(/:/g, '\\:')}:${clean(description)}`;
  return `#compdef hcdr
${header('zsh', version, [
    `Install: hcdr completion zsh > "\${fpath[1]}/_hcdr"   (a folder in $fpath; then restart zsh)`,
    "     or: echo 'source <(hcdr completion zsh)' >> ~/.zshrc   (after compinit)",
  ])}
${posixTables(t, '_hcdr')}

${describe(
  '_hcdr_describe_subcommands',
  describeRows((c) => c.subcommands.map((s) => item(s.name, s.description))),
)}

${describe(
  '_hcdr_describe_options',
  describeRows((c) => c.options.map((o) => item(o.names[0] ?? '', o.description))),
)}

_hcdr() {
  local cmdpath="hcdr" word i cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}"
${walkWords('words', 2, 'CURRENT')}
  if [[ "$prev" == -* && " $(_hcdr_value_options "$cmdpath") $_hcdr_global_value_options " == *" $prev "* ]]; then
    local values="$(_hcdr_choices "$cmdpath" "$prev")"
    if [[ -n "$values" ]]; then
      compadd -- \${=values}
    elif _hcdr_path_value "$cmdpath" "$prev"; then
      _files
    fi
    return
  fi
  local -a items
  if [[ "$cur" == -* ]]; then
    items=("\${(@f)$(_hcdr_describe_options "$cmdpath")}" "\${(@f)$(_hcdr_describe_options hcdr)}")
    _describe -t options 'option' items
    return
  fi
  items=("\${(@f)$(_hcdr_describe_subcommands "$cmdpath")}")
  if [[ -n "\${items[1]}" ]]; then
    _describe -t commands 'command' items
  else
    local values="$(_hcdr_arguments "$cmdpath")"
    [[ -n "$values" ]] && compadd -- \${=values}
  fi
}

if [[ "\${funcstack[1]}" == "_hcdr" ]]; then
  _hcdr "$@"
else
  compdef _hcdr hcdr
fi
`;
}

export function fishScript(commands: readonly CompletionCommand[], version: string): string {
  const { root } = tables(commands);
  const fishCase = (name: string, rows: [string, string[]][]) =>
    [
      `function ${name}`,
      '    switch $argv[1]',
      ...rows.filter(([, v]) => v.length).flatMap(([k, v]) => [`        case ${fq(k)}`, `            printf '%s\\n' ${v.map(fq).join(' ')}`]),
      '    end',
      'end',
    ].join('\n');
  const lines: string[] = [];
  for (const command of commands) {
    const condition = command === root ? '' : ` -n ${fq(`__hcdr_at ${fq(command.path)}`)}`;
    if (command.subcommands.length) {
      for (const sub of command.subcommands) lines.push(`complete -c hcdr -n ${fq(`__hcdr_at ${fq(command.path)}`)} -a ${fq(sub.name)} -d ${fq(clean(sub.description))}`);
    } else if (command.argumentChoices.length) {
      lines.push(`complete -c hcdr -n ${fq(`__hcdr_at ${fq(command.path)}`)} -a ${fq(words(command.argumentChoices))}`);
    }
    for (const option of command.options) {
      const long = option.names.find((n) => n.startsWith('--'));
      const short = option.names.find((n) => !n.startsWith('--'));
      const names = `${long ? ` -l ${long.slice(2)}` : ''}${short ? ` -s ${short.slice(1)}` : ''}`;
      const value = option.choices.length ? ` -x -a ${fq(words(option.choices))}` : option.valueIsPath ? ' -r -F' : option.takesValue ? ' -x' : '';
      lines.push(`complete -c hcdr${condition}${names}${value} -d ${fq(clean(option.description))}`);
    }
  }
  return `${header('fish', version, ['Install: hcdr completion fish > ~/.config/fish/completions/hcdr.fish'])}
${fishCase(
  '__hcdr_subcommands',
  commands.map((c) => [c.path, c.subcommands.map((s) => s.name)]),
)}

${fishCase(
  '__hcdr_value_options',
  commands.map((c) => [c.path, valueOptions(c)]),
)}

# The command path of the words typed so far (options and their values skipped).
function __hcdr_path
    set -l cmdpath hcdr
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $word
            case '-*'
                if not string match -q -- '*=*' $word; and contains -- $word (__hcdr_value_options "$cmdpath") (__hcdr_value_options hcdr)
                    set skip 1
                end
            case '*'
                if contains -- $word (__hcdr_subcommands "$cmdpath")
                    set cmdpath "$cmdpath $word"
                end
        end
    end
    echo $cmdpath
end

function __hcdr_at
    test (__hcdr_path) = "$argv[1]"
end

complete -c hcdr -f
${lines.join('\n')}
`;
}
