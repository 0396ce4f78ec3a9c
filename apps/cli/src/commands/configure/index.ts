// `hcdr configure`: the profile file without hand-written JSON, as `aws configure` does it.
//   hcdr configure                          asks for AK, SK (hidden), region and project ID on a terminal
//   hcdr configure set <key> [<value>]      one setting; a secret only from a hidden prompt or stdin
//   hcdr configure get <key>                one setting from the profile (a secret: only whether it is set)
//   hcdr configure list                     what a command would use now, and where each value comes from
// The file is the one @hcdr/core reads, so every command uses what was saved here.
import { Argument, type Command } from 'commander';
import type { AppContext, Runtime } from '../../context.js';
import { locateProfile, readProfileFile, splitKey, writeProfile, type ProfileLocation } from '../../config/profile-store.js';
import { ask } from '../../io/confirm.js';
import { CliError, UsageError } from '../../io/errors.js';
import { EXIT } from '../../io/exit-codes.js';
import { promptHidden } from '../../io/secrets.js';
import { quote } from '../../io/sanitize.js';
import { isInteractive, readAllStdin } from '../../io/terminal.js';
import { InputChecks } from '../../validation/checks.js';
import { action, examples } from '../shared.js';
import { listSettings } from './list.js';
import { displayValue, findSetting, SETTING_KEYS, SETTINGS, type Setting } from './settings.js';

export function registerConfigure(configure: Command, runtime: Runtime): void {
  examples(
    configure.action(action(runtime, (ctx) => interactive(ctx))),
    'hcdr configure',
    'hcdr configure --profile prod',
    'hcdr configure set region ap-southeast-1',
    'hcdr configure list',
  );

  const keyArgument = () => {
    const argument = new Argument('<key>', `setting: ${SETTING_KEYS.join(', ')}`);
    argument.argChoices = [...SETTING_KEYS.filter((k) => !k.includes('<'))];
    return argument;
  };

  examples(
    configure
      .command('set')
      .description('Save one setting in the profile; secrets (secret_access_key, security_token, auth_token) are read from a hidden prompt or stdin, never from the command line')
      .addArgument(keyArgument())
      .argument('[value]', 'the value (omit it for a secret)')
      .action(action<Record<string, never>>(runtime, async (ctx, _o, [key, value]) => setOne(ctx, key as string, value as string | undefined))),
    'hcdr configure set region ap-southeast-1',
    'hcdr configure set project_id 0123456789abcdef0123456789abcdef --profile prod',
    'hcdr configure set projects.ap-southeast-3 fedcba9876543210fedcba9876543210',
    'hcdr configure set access_key_id HPUAEXAMPLEAK0000001',
    "printf '%s' \"$SK\" | hcdr configure set secret_access_key   # from stdin; on a terminal: a hidden prompt",
  );

  examples(
    configure
      .command('get')
      .description('Print one setting saved in the profile (exit 1 when it is not set); for a secret, only whether it is set')
      .addArgument(keyArgument())
      .action(action<Record<string, never>>(runtime, async (ctx, _o, [key]) => getOne(ctx, key as string))),
    'hcdr configure get region',
    'hcdr configure get access_key_id --profile prod',
  );

  examples(
    configure
      .command('list')
      .description('Show every setting a command would use now and where it comes from (flag, environment, profile, built-in table); secrets hidden')
      .action(
        action(runtime, async (ctx) => {
          const { rows, problems } = await listSettings(ctx, location(ctx));
          ctx.out.data(rows, { columns: ['setting', 'value', 'source'] });
          for (const problem of problems) ctx.out.warn(problem);
        }),
      ),
    'hcdr configure list',
    'hcdr configure list --profile prod -o json',
  );
}

function location(ctx: AppContext): ProfileLocation {
  return locateProfile(ctx.term.env, { profile: ctx.globals.profile, configFile: ctx.globals.configFile });
}

/** Names a new profile may have: what shells, file names and JSON keys all take without quoting. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Saves `values` (key → value) and says so without showing secrets; --dry-run only says what it would do. */
async function save(ctx: AppContext, where: ProfileLocation, values: Readonly<Record<string, string>>, settings: readonly Setting[]): Promise<void> {
  if (!PROFILE_NAME.test(where.name)) {
    throw new UsageError([{ flag: where.nameFrom === 'HCDR_PROFILE' ? 'HCDR_PROFILE' : '--profile', message: `${quote(where.name)} must be 1-64 letters, digits, ".", "-" or "_", starting with a letter or digit` }]);
  }
  const shown = settings.map((s) => (s.secret ? `${s.key} (hidden)` : `${s.key} = ${values[s.key] ?? ''}`)).join(', ');
  if (ctx.globals.dryRun) {
    ctx.out.info(`Dry run: would save ${shown} in profile "${where.name}" of ${where.path}; nothing was written.`);
    return;
  }
  const core = await import('@hcdr/core');
  writeProfile(where, { set: values }, (candidate) => {
    const loaded = core.loadProfileFile(candidate);
    return loaded.status === 'invalid' ? loaded.problems.map((p) => p.message) : [];
  });
  ctx.out.success(`Saved ${shown} in profile "${where.name}" of ${where.path} (mode 600).`);
}

async function setOne(ctx: AppContext, typedKey: string, value: string | undefined): Promise<void> {
  const c = new InputChecks();
  const found = findSetting(typedKey);
  if ('problem' in found) {
    c.fail('<key>', found.problem);
    c.done();
    return;
  }
  const { setting, key } = found;
  if (setting.secret && value !== undefined) {
    // The value is already in the shell history and the process list: it is not saved, and not repeated here.
    throw new UsageError([
      {
        flag: '<value>',
        message: `${key} is a secret and is not accepted on the command line (it would stay in shell history and process lists); omit the value to be asked for it, or pipe it: printf '%s' "$VALUE" | hcdr configure set ${key}`,
      },
    ]);
  }
  let text = value;
  if (setting.secret) {
    if (ctx.globals.dryRun) text = 'dry-run-placeholder';
    else if (isInteractive(ctx.term) && ctx.term.stdin.setRawMode) text = await promptHidden(ctx.term, `${setting.label}: `);
    else text = singleLine(await readAllStdin(ctx.term.stdin));
    if (text === '') throw new UsageError([{ flag: '<key>', message: `no value for ${key} was given (type it at the prompt or pipe it on stdin)` }]);
  }
  const checked = c.required(setting.secret ? '<key>' : '<value>', text, (v) => (setting.rule(v) ? `${setting.secret ? `the ${key} ` : ''}${setting.rule(v)}` : undefined));
  c.done();
  await save(ctx, location(ctx), { [key]: checked }, [setting]);
}

/** stdin without the line ending `echo` or a file adds; a secret is one line. */
function singleLine(text: string): string {
  const value = text.replace(/\r?\n$/, '');
  if (value.includes('\n')) throw new UsageError([{ flag: '<key>', message: 'the value on stdin must be a single line' }]);
  return value;
}

async function getOne(ctx: AppContext, typedKey: string): Promise<void> {
  const found = findSetting(typedKey);
  if ('problem' in found) throw new UsageError([{ flag: '<key>', message: found.problem }]);
  const where = location(ctx);
  const file = readProfileFile(where.path);
  const explicit = where.nameFrom !== 'default' || where.pathFrom !== 'default';
  if (!file) {
    if (explicit) throw new CliError(`the profile file ${where.path} does not exist (create it with: hcdr configure)`, EXIT.config);
    throw new CliError(`${found.key} is not set (no profile file yet: ${where.path}; create it with: hcdr configure)`, EXIT.failure);
  }
  const profile = file.profiles[where.name];
  if (!profile) {
    const available = Object.keys(file.profiles);
    if (explicit) throw new CliError(`profile "${where.name}" is not in ${where.path} (profiles: ${available.join(', ') || 'none'})`, EXIT.config);
    throw new CliError(`${found.key} is not set (no profile "${where.name}" in ${where.path})`, EXIT.failure);
  }
  const [head, member] = splitKey(found.key);
  const raw = member === undefined ? profile[head] : (profile[head] as Record<string, unknown> | undefined)?.[member];
  if (typeof raw !== 'string' || raw.trim() === '') throw new CliError(`${found.key} is not set in profile "${where.name}" of ${where.path}`, EXIT.failure);
  if (found.setting.secret) {
    ctx.out.info(`${found.key} is set in profile "${where.name}" (secrets are never printed).`);
    return;
  }
  ctx.term.stdout.write(`${displayValue(found.setting, raw.trim(), { full: true })}\n`);
}

/** The terminal dialogue: each setting with its current value as the default (Enter keeps it). */
async function interactive(ctx: AppContext): Promise<void> {
  if (!isInteractive(ctx.term) || !ctx.term.stdin.setRawMode) {
    throw new UsageError(
      "hcdr configure asks its questions on a terminal; in scripts use `hcdr configure set <key> <value>` (a secret on stdin: printf '%s' \"$SK\" | hcdr configure set secret_access_key)",
      { note: 'nothing was written' },
    );
  }
  const where = location(ctx);
  const current = readProfileFile(where.path)?.profiles[where.name] ?? {};
  const str = (key: string) => (typeof current[key] === 'string' ? (current[key] as string) : undefined);
  ctx.term.stderr.write(`Profile "${where.name}" in ${where.path} (Enter keeps the value in brackets)\n`);
  const values: Record<string, string> = {};
  const changed: Setting[] = [];
  const byKey = (key: string) => SETTINGS.find((s) => s.key === key) as Setting;
  for (const setting of [byKey('access_key_id'), byKey('secret_access_key'), byKey('region'), byKey('project_id')]) {
    const existing = str(setting.key);
    const label = setting.key === 'project_id' ? `Project ID${values['region'] ?? str('region') ? ` for ${values['region'] ?? str('region')}` : ''}` : setting.label;
    for (;;) {
      const question = `${label} [${existing === undefined ? 'not set' : displayValue(setting, existing)}]: `;
      const answer = (setting.secret ? await promptHidden(ctx.term, question) : await ask(ctx.term, question)).trim();
      if (answer === '') break;
      const problem = setting.rule(answer);
      if (problem) {
        // Never quote a secret back.
        ctx.out.warn(`${setting.secret ? `the ${setting.label.toLowerCase()}` : JSON.stringify(answer)} ${problem}; try again (Enter keeps the current value)`);
        continue;
      }
      values[setting.key] = answer;
      changed.push(setting);
      break;
    }
  }
  if (changed.length === 0) {
    ctx.out.info('Nothing changed.');
    return;
  }
  await save(ctx, where, values, changed);
}
