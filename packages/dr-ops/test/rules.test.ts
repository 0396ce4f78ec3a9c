import { describe, expect, it } from 'vitest';
import { DrInputError, InputCheck, rules } from '../src/rules/index.js';

describe('input rules', () => {
  it('GeminiDB CIDRs: valid network blocks only, never 192.* or 172.*', () => {
    expect(rules.drCidr('10.0.0.0/16')).toBeUndefined();
    expect(rules.drCidr('10.0.0.1/16')).toMatch(/host bits set; the network address for \/16 is 10\.0\.0\.0\/16/);
    expect(rules.drCidr('192.168.0.0/16')).toMatch(/must not start with 192 or 172/);
    expect(rules.drCidr('172.16.0.0/12')).toMatch(/must not start with 192 or 172/);
    expect(rules.drCidr('10.0.0.0/33')).toMatch(/prefix length 0-32/);
  });

  it('port 8635, DR password, settings ranges, DWS names and periods', () => {
    expect(rules.drPort('8635')).toBeUndefined();
    expect(rules.drPort('6379')).toMatch(/requires port 8635 on both instances/);
    expect(rules.drPassword('')).toBe('must not be empty');
    expect(rules.drPassword('pw\n')).toMatch(/control characters/);
    expect(rules.drPassword(' pw')).toMatch(/spaces/);
    expect(rules.drPassword('Dr#Passw0rd')).toBeUndefined();
    expect(rules.switchoverRatio('70')).toBeUndefined();
    expect(rules.switchoverRatio('75')).toMatch(/one of: 50, 60, 70, 80, 90, 100/);
    expect(rules.syncDelaySeconds('9')).toMatch(/at least 10/);
    expect(rules.syncDelaySeconds('10')).toBeUndefined();
    expect(rules.dwsName('1abc')).toBe('must start with a letter');
    expect(rules.drSyncPeriod('3001m')).toMatch(/1 to 3000/);
    expect(rules.drSyncPeriod('2H')).toBeUndefined();
  });

  it('InputCheck names every field, keeps secrets out of messages, and throws them all at once', () => {
    const check = new InputCheck();
    check.value('password', 'secret\u0000value', [rules.drPassword], { secret: true });
    check.list('primary.subnetCidrs', ['10.0.1.0/24', '10.0.1.0/24', '172.16.0.0/16'], [rules.drCidr]);
    check.value('primary.instanceId', undefined, [rules.id]);
    let error: unknown;
    try {
      check.throwIfAny();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DrInputError);
    const problems = (error as DrInputError).problems;
    expect(problems.map((p) => p.field)).toEqual(['password', 'primary.subnetCidrs[1]', 'primary.subnetCidrs[2]', 'primary.instanceId']);
    expect(JSON.stringify(problems)).not.toContain('secret');
  });
});
