// Data layer and handlers on DynamoDB Local: atomic writes with their audit entry, optimistic
// locking, and nothing left half-done when the workflow service fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../cdk/local/dynamodb-local.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { advanceStage, createCycle, getCycle, storeTaskToken } from '../../functions/data/cycles.ts';
import { ConflictError } from '../../functions/domain/errors.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { handler as cyclesApi } from '../../functions/handlers/api/cycles.ts';
import { apiEvent, callers, lambdaContext, routeFor, storeCallerProfiles } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const bureau = callers.ylStaff;
const at = () => new Date().toISOString();
const month = () => at().slice(0, 7);
const auditCount = async () => (await listAudit(YL, month(), 100)).items.length;
const input = (year: number) => ({ year, name: `${year}年度绩效考评`, stages: defaultStageDates(year) });

beforeAll(async () => {
  await useFreshTable();
  await storeCallerProfiles();
  // A workflow endpoint nobody listens on: every Step Functions call fails.
  process.env.SFN_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
  process.env.STATE_MACHINE_ARN = 'arn:aws:states:local:000000000000:stateMachine:annual-cycle';
});

describe('cycles in the table', () => {
  it('writes the cycle, its eleven stages and one audit entry together', async () => {
    const before = await auditCount();
    await createCycle(bureau, YL, input(2040), at());
    const cycle = await getCycle(YL, '2040');
    expect(cycle!.stages.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const audit = await listAudit(YL, month(), 100);
    expect(audit.items.length).toBe(before + 1);
    expect(audit.items[0]).toMatchObject({ action: 'cycle.create', actor: 'yl_staff', role: 'bureau_staff', target: 'cycle:450900/2040' });
  });

  it('finds a cycle by its exact id only, never by a prefix of it (issue 10, defect 1)', async () => {
    expect(await getCycle(YL, '204')).toBeUndefined();
    expect(await getCycle(YL, '20')).toBeUndefined();
    expect((await getCycle(YL, '2040'))?.cycleId).toBe('2040');
  });

  it('refuses a duplicate year and leaves no audit entry for the failed attempt', async () => {
    const before = await auditCount();
    await expect(createCycle(bureau, YL, input(2040), at())).rejects.toBeInstanceOf(ConflictError);
    expect(await auditCount()).toBe(before);
  });

  it('refuses an advance with a stale version or a stale token, changing nothing', async () => {
    await storeTaskToken(bureau, YL, '2040', 1, 'token-1', at());
    const cycle = (await getCycle(YL, '2040'))!;
    await expect(advanceStage(bureau, { ...cycle, version: cycle.version - 1 }, 'token-1', at())).rejects.toBeInstanceOf(ConflictError);
    await expect(advanceStage(bureau, cycle, 'token-0', at())).rejects.toBeInstanceOf(ConflictError);
    expect(await getCycle(YL, '2040')).toEqual(cycle);
  });

  it('refuses to store a token for a stage that is not current', async () => {
    await expect(storeTaskToken(bureau, YL, '2040', 3, 'token-x', at())).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('when the workflow service fails', () => {
  const call = async (op: string, params: Record<string, string>, body: unknown) => {
    const res = (await cyclesApi(apiEvent(routeFor('cycles', op), { caller: bureau, params, body }), lambdaContext)) as { statusCode: number; body: string };
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  it('takes a new cycle back and answers 503', async () => {
    const res = await call('createCycle', { regionId: YL }, input(2041));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('未创建');
    expect(await getCycle(YL, '2041')).toBeUndefined();
  });

  it('undoes an advance and answers 503, so the bureau can retry', async () => {
    const before = (await getCycle(YL, '2040'))!;
    const res = await call('advanceStage', { regionId: YL, cycleId: '2040' }, { stage: 1, version: before.version });
    expect(res.status).toBe(503);
    const after = (await getCycle(YL, '2040'))!;
    expect(after.currentStage).toBe(1);
    expect(after.stages[0]!.taskToken).toBe('token-1');
    expect(after.stages[0]!.doneAt).toBeUndefined();
    expect(after.version).toBe(before.version + 2);
  });
});
