// `hcdr completion bash|zsh|fish`: prints a completion script generated from the real command tree
// (every group loaded, as for `hcdr help`), so commands, flags and enum values never drift from
// what the binary accepts. Nothing here is loaded unless `completion` is the command.
import { Argument, type Command } from 'commander';
import { serviceDescriptor } from '../../config/client-options.js';
import type { Runtime } from '../../context.js';
import { VERSION } from '../../version.js';
import { InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { action, examples } from '../shared.js';
import { bashScript, fishScript, SHELLS, zshScript } from './scripts.js';
import { completionData } from './tree.js';

export function registerCompletion(completion: Command, runtime: Runtime): void {
  const shell = new Argument('<shell>', `${SHELLS.join(' | ')}`);
  shell.argChoices = [...SHELLS];
  examples(
    completion
      .addArgument(shell)
      .action(
        action<Record<string, never>>(runtime, async (ctx, _o, [name]) => {
          const c = new InputChecks();
          const chosen = c.required('<shell>', name as string, rules.oneOf(SHELLS));
          c.done();
          const [{ createProgram }, core, geminidb, dws] = await Promise.all([import('../../program.js'), import('@hcdr/core'), serviceDescriptor('geminidb'), serviceDescriptor('dws')]);
          const tree = await createProgram(runtime, ['help']);
          const regions = [...new Set([...core.knownRegions(geminidb), ...core.knownRegions(dws)])].sort();
          const data = completionData(tree, { regions });
          const script = chosen === 'bash' ? bashScript(data, VERSION) : chosen === 'zsh' ? zshScript(data, VERSION) : fishScript(data, VERSION);
          ctx.term.stdout.write(script);
        }),
      ),
    'hcdr completion bash',
    'hcdr completion bash > ~/.local/share/bash-completion/completions/hcdr',
    'hcdr completion zsh > ~/.zfunc/_hcdr   # a folder in $fpath',
    'hcdr completion fish > ~/.config/fish/completions/hcdr.fish',
  );
}
