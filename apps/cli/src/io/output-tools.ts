// Loads what -o yaml and --query need, only for the runs that ask for them (start-up time: the YAML
// emitter and the JMESPath interpreter are not parsed by `hcdr --version`, `--help` or a plain
// `-o json` run). The --query expression is compiled here, before the command sends anything, so a
// syntax error is a usage error (exit 2) and never costs a request.
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { OutputFormat, OutputTools } from './output.js';
import type { InputChecks } from '../validation/checks.js';
import { quote } from './sanitize.js';

export async function loadOutputTools(checks: InputChecks, options: { format: OutputFormat; query?: string | undefined }): Promise<OutputTools> {
  const tools: OutputTools = {};
  if (options.format === 'yaml') {
    const { stringify } = await import('yaml');
    // Plain YAML 1.2 without anchors/aliases (a repeated object is written out again), long strings unfolded.
    tools.yaml = (value) => stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
  }
  if (options.query !== undefined) {
    const expression = options.query;
    if (expression.trim() === '') {
      checks.fail('--query', 'must not be empty (a JMESPath expression such as "jobs[].id")');
      return tools;
    }
    const jmespath = await import('@jmespath-community/jmespath');
    let ast: ReturnType<typeof jmespath.compile>;
    try {
      // Legacy literals (`Running` for `"Running"`): what aws's Python JMESPath accepts, and what its docs' examples use.
      ast = jmespath.compile(expression, { enable_legacy_literals: true });
    } catch (error) {
      checks.fail('--query', `${quote(expression)} is not a valid JMESPath expression: ${(error as Error).message}`);
      return tools;
    }
    tools.query = (value) => {
      try {
        return jmespath.TreeInterpreter.search(ast, value as Parameters<typeof jmespath.search>[0]);
      } catch (error) {
        // The command itself ran; only the reshaping of its result failed.
        throw new CliError(`--query ${quote(expression)} failed on the result: ${(error as Error).message}`, EXIT.failure, 'The command itself completed; run it again without --query (or with -o json) to see its full result.');
      }
    };
  }
  return tools;
}
