// `hcdr geminidb dr ...`: one command per DR operation on one instance (the two-sided, journaled
// workflows are `dr pair` / `dr unpair` in pair.ts and switchover/failover/recover/pause/resume in
// role-workflows.ts).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { confirm } from '../../io/confirm.js';
import { readSecret } from '../../io/secrets.js';
import { collectList, InputChecks } from '../../validation/checks.js';
import * as rules from '../../validation/rules.js';
import { choice } from '../option-metadata.js';
import { action, addPasswordOptions, addWaitOptions, examples, PASSWORD_ENV, readWaitSettings, short, type PasswordFlags, type WaitFlags } from '../shared.js';
import { registerRoleWorkflows } from './role-workflows.js';
import { runGeminiDb } from './run.js';

const WAIT_DEFAULT = '30m';
const A = 'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5din12';
const B = 'f0e1d2c3b4a54968a7b6c5d4e3f2a1b0in12';

export function registerDr(dr: Command, runtime: Runtime): void {
  // ---- precheck -----------------------------------------------------------------------------
  examples(
    dr
      .command('precheck')
      .description('Check that a DR construction or deconstruction is possible on one instance (run it on both)')
      .argument('<instance-id>', 'instance to check')
      .addOption(choice('--operation <operation>', 'which precheck', ['construction', 'deconstruction']).makeOptionMandatory())
      .option('--peer-vpc-cidr <cidr>', "the peer instance's VPC CIDR block (construction)")
      .option('--peer-spec-code <code>', "the peer instance's node specification code, e.g. geminidb.redis.xlarge.4 (construction)")
      .option('--peer-node-ips <ips>', "the peer instance's node IPs (repeat or comma-separate; construction)", collectList)
      .action(
        action<{ operation: string; peerVpcCidr?: string; peerSpecCode?: string; peerNodeIps?: string[] }>(runtime, async (ctx, o, [id]) => {
          const c = new InputChecks();
          const instanceId = c.required('<instance-id>', id as string, rules.id);
          const operation = c.required('--operation', o.operation, rules.oneOf(['construction', 'deconstruction'])) as 'construction' | 'deconstruction';
          let peer: { vpc_cidr: string; spec_code: string; node_ips: string[] } | undefined;
          if (operation === 'construction') {
            peer = {
              vpc_cidr: c.required('--peer-vpc-cidr', o.peerVpcCidr, rules.drCidr),
              spec_code: c.required('--peer-spec-code', o.peerSpecCode, rules.nonEmpty),
              node_ips: c.list('--peer-node-ips', o.peerNodeIps, { required: true }, rules.ipv4),
            };
          } else if (o.peerVpcCidr || o.peerSpecCode || o.peerNodeIps) {
            c.fail('--peer-vpc-cidr', 'and the other --peer-* flags apply to --operation construction only');
          }
          c.done();
          await runGeminiDb(ctx, {
            operationId: 'checkDisasterRecoveryOperation',
            calls: [{ label: `${operation} precheck on ${short(instanceId)}`, input: { instance_id: instanceId, body: { operation, ...(peer ? { disaster_recovery_instance: peer } : {}) } } }],
            emptyResult: () => ({ instance_id: instanceId, operation, precheck: 'passed' }),
            done: () => `The ${operation} precheck passed on ${instanceId}.`,
          });
        }),
      ),
    `hcdr geminidb dr precheck ${A} --operation construction --peer-vpc-cidr 10.1.0.0/16 --peer-spec-code geminidb.redis.xlarge.4 --peer-node-ips 10.1.1.2,10.1.1.3,10.1.1.4`,
    `hcdr geminidb dr precheck ${A} --operation deconstruction`,
  );

  // ---- create (one side) --------------------------------------------------------------------
  examples(
    addWaitOptions(
      addPasswordOptions(
        dr
          .command('create')
          .description('Construct one side of a DR relationship (primary first, then the standby with --dr-id). Prefer `dr pair`, which does both sides')
          .argument('<instance-id>', 'instance this call is for')
          .addOption(choice('--role <role>', 'role of this instance: master = primary, slave = standby', ['master', 'slave']).makeOptionMandatory())
          .requiredOption('--alias <alias>', 'alias of the DR relationship')
          .option('--dr-id <id>', 'DR relationship ID returned by the primary call (required with --role slave)')
          .requiredOption('--peer-id <instance-id>', 'the other instance of the pair')
          .requiredOption('--peer-region <region>', "the peer instance's region code")
          .option('--peer-subnet-cidr <cidrs>', "the peer instance's subnet CIDR blocks (not 192.* or 172.*; repeat or comma-separate)", collectList)
          .option('--peer-node-ips <ips>', "IPs of all the peer instance's nodes (repeat or comma-separate)", collectList),
        'DR password (the same on both sides)',
      ),
      WAIT_DEFAULT,
    ).action(
      action<{ role: string; alias: string; drId?: string; peerId: string; peerRegion: string; peerSubnetCidr?: string[]; peerNodeIps?: string[] } & PasswordFlags & WaitFlags>(
        runtime,
        async (ctx, o, [id]) => {
          const c = new InputChecks();
          const instanceId = c.required('<instance-id>', id as string, rules.id);
          const role = c.required('--role', o.role, rules.oneOf(['master', 'slave'])) as 'master' | 'slave';
          const alias = c.required('--alias', o.alias, rules.nonEmpty);
          const drId = c.optional('--dr-id', o.drId, rules.id);
          if (role === 'slave' && !drId) c.fail('--dr-id', 'is required with --role slave (the disaster_recovery_id the primary call returned)');
          if (role === 'master' && drId) c.fail('--dr-id', 'must be omitted with --role master (the primary call creates the DR ID)');
          const peerId = c.required('--peer-id', o.peerId, rules.id);
          if (peerId === instanceId) c.fail('--peer-id', 'must be a different instance than <instance-id>');
          const peerRegion = c.required('--peer-region', o.peerRegion, rules.regionCode);
          const subnetCidrs = c.list('--peer-subnet-cidr', o.peerSubnetCidr, { required: true }, rules.drCidr);
          const nodeIps = c.list('--peer-node-ips', o.peerNodeIps, { required: true }, rules.ipv4);
          const wait = readWaitSettings(c, o, WAIT_DEFAULT);
          c.done();
          const password = await readSecret(ctx.term, passwordRequest(o, ctx.globals.dryRun), ctx.globals.credentialsFile === '-');
          await runGeminiDb(ctx, {
            operationId: 'createDisasterRecovery',
            wait,
            calls: [
              {
                label: `construction on ${role === 'master' ? 'primary' : 'standby'} ${short(instanceId)}`,
                input: {
                  instance_id: instanceId,
                  body: {
                    ...(drId ? { id: drId } : {}),
                    alias,
                    password: password.value,
                    instance_role: role,
                    disaster_recovery_instance: { id: peerId, region_code: peerRegion, subnet_cidrs: subnetCidrs, node_ips: nodeIps },
                  },
                },
              },
            ],
            done: (_call, data) => {
              const drIdOut = (data as { disaster_recovery_id?: string } | undefined)?.disaster_recovery_id;
              return role === 'master' && drIdOut
                ? `Construction accepted on the primary. DR ID ${drIdOut}: now run the standby side with --role slave --dr-id ${drIdOut} and the same password.`
                : 'Construction accepted.';
            },
          });
        },
      ),
    ),
    `HCDR_DR_PASSWORD=... hcdr geminidb dr create ${A} --role master --alias video-dr --peer-id ${B} --peer-region ap-southeast-3 --peer-subnet-cidr 10.1.1.0/24 --peer-node-ips 10.1.1.2,10.1.1.3,10.1.1.4`,
    `hcdr geminidb dr create ${B} --role slave --dr-id <dr-id> --alias video-dr --peer-id ${A} --peer-region ap-southeast-1 --peer-subnet-cidr 10.0.1.0/24 --peer-node-ips 10.0.1.2,10.0.1.3,10.0.1.4 --password-file ./dr-password --wait`,
  );

  // ---- delete (one side) --------------------------------------------------------------------
  jobCommand(dr, runtime, {
    name: 'delete',
    description: 'Deconstruct one side of a DR relationship (run the deconstruction precheck first; prefer `dr unpair`, which does both sides)',
    operationId: 'deleteDisasterRecovery',
    label: 'deconstruction',
    confirm: (id) => ({ action: `remove GeminiDB instance ${id} from its DR relationship`, details: ['Data stops replicating; the relationship is gone once both sides are deconstructed.'] }),
    examples: [`hcdr geminidb dr delete ${A} --yes --wait`],
  });

  // ---- promote / demote (planned switchover in two steps) -------------------------------------
  jobCommand(dr, runtime, {
    name: 'demote',
    description: 'Demote the primary to standby (step 1 of a planned switchover; then `dr promote` the standby)',
    operationId: 'switchToSlave',
    label: 'demotion',
    confirm: (id) => ({ action: `demote GeminiDB instance ${id} to standby`, details: ['Writes stop on this instance until the standby is promoted.'] }),
    examples: [`hcdr geminidb dr demote ${A} --yes --wait && hcdr geminidb dr promote ${B} --yes --wait`],
  });
  jobCommand(dr, runtime, {
    name: 'promote',
    description: 'Promote the standby to primary (step 2 of a planned switchover, after `dr demote` of the primary)',
    operationId: 'switchToMaster',
    label: 'promotion',
    body: { force: false },
    confirm: (id) => ({ action: `promote GeminiDB instance ${id} to primary` }),
    examples: [`hcdr geminidb dr promote ${B} --yes --wait`],
  });
  registerRoleWorkflows(dr, runtime);

  // ---- role ------------------------------------------------------------------------------------
  examples(
    dr
      .command('role')
      .description('Show the DR role of an instance (master = primary, slave = standby)')
      .argument('<instance-id>', 'instance to query')
      .action(
        action(runtime, async (ctx, _o, [id]) => {
          const c = new InputChecks();
          const instanceId = c.required('<instance-id>', id as string, rules.id);
          c.done();
          await runGeminiDb(ctx, { operationId: 'showInstanceRole', calls: [{ label: 'role', input: { instance_id: instanceId } }] });
        }),
      ),
    `hcdr geminidb dr role ${A}`,
    `hcdr geminidb dr role ${A} -o json | jq -r .role`,
  );
}

interface JobCommandSpec {
  name: string;
  description: string;
  operationId: 'deleteDisasterRecovery' | 'switchToSlave' | 'switchToMaster';
  label: string;
  body?: { force: boolean };
  confirm: (instanceId: string) => { action: string; details?: string[] };
  examples: string[];
}

/** A confirmed, asynchronous single-instance operation (delete, switchover, promote, demote, failover). */
function jobCommand(dr: Command, runtime: Runtime, spec: JobCommandSpec): void {
  examples(
    addWaitOptions(dr.command(spec.name).description(spec.description).argument('<instance-id>', 'instance to act on'), WAIT_DEFAULT).action(
      action<WaitFlags>(runtime, async (ctx, o, [id]) => {
        const c = new InputChecks();
        const instanceId = c.required('<instance-id>', id as string, rules.id);
        const wait = readWaitSettings(c, o, WAIT_DEFAULT);
        c.done();
        await confirm(ctx.term, ctx.paint, ctx.globals, spec.confirm(instanceId));
        const label = `${spec.label} of ${short(instanceId)}`;
        if (spec.operationId === 'switchToMaster') {
          await runGeminiDb(ctx, { operationId: 'switchToMaster', wait, calls: [{ label, input: { instance_id: instanceId, body: spec.body ?? {} } }] });
        } else {
          await runGeminiDb(ctx, { operationId: spec.operationId, wait, calls: [{ label, input: { instance_id: instanceId } }] });
        }
      }),
    ),
    ...spec.examples,
  );
}

export function passwordRequest(o: PasswordFlags, dryRun: boolean, confirmAtPrompt = false) {
  return {
    what: 'DR password',
    fileFlag: '--password-file',
    stdinFlag: '--password-stdin',
    envVar: PASSWORD_ENV,
    file: o.passwordFile,
    fromStdin: o.passwordStdin,
    dryRun,
    confirmAtPrompt,
  };
}
