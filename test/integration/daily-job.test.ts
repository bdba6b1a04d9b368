// The daily job on DynamoDB Local: a reminder in the last days before a stage deadline, and the
// safety net that records a missed deadline the workflow has not recorded — each only once.
import { beforeAll, describe, expect, it } from 'vitest';
import { now, setClockOffset } from '../../functions/config/clock.ts';
import { commit, put } from '../../functions/data/commit.ts';
import { createCycle, getCycle } from '../../functions/data/cycles.ts';
import { listNotices } from '../../functions/data/notifications.ts';
import { regionItem } from '../../functions/data/regions.ts';
import { deadlineInstant } from '../../functions/domain/dates.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { handler as daily } from '../../functions/handlers/schedule/daily.ts';
import { callers } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';

const YL = '450900';
const HOUR = 3_600_000;
const notices = async (kind: string) => (await listNotices(YL, 'yl-jxb', 100)).items.filter((n) => n.kind === kind);

beforeAll(async () => {
  await useFreshTable();
  const at = new Date().toISOString();
  await commit(callers.ylStaff, { action: 'test.setup', target: 'region' }, [put(regionItem({ regionId: YL, name: '玉林市', bureauUnitId: 'yl-jxb' }))], at);
  await createCycle(callers.ylStaff, YL, { year: 2030, name: '2030年度绩效考评', stages: defaultStageDates(2030) }, at);
});

describe('daily job', () => {
  const due = deadlineInstant(defaultStageDates(2030)[0]!.deadline);
  const moveTo = (instant: number) => setClockOffset(instant - Date.now());

  it('does nothing while the deadline is far', async () => {
    moveTo(due - 10 * 24 * HOUR);
    expect(await daily()).toMatchObject({ reminded: 0, escalated: 0 });
  });

  it('reminds the bureau once in the last three days', async () => {
    moveTo(due - 2 * 24 * HOUR);
    expect(await daily()).toMatchObject({ reminded: 1 });
    expect(await daily()).toMatchObject({ reminded: 0 });
    expect(await notices('stage.reminder')).toHaveLength(1);
  });

  it('records a missed deadline once when the workflow has not', async () => {
    moveTo(due + HOUR);
    expect(await daily()).toMatchObject({ escalated: 1 });
    expect(await daily()).toMatchObject({ escalated: 0 });
    const escalatedAt = (await getCycle(YL, '2030'))!.stages[0]!.escalatedAt!;
    expect(Date.parse(escalatedAt)).toBeGreaterThanOrEqual(due);
    expect(Date.parse(escalatedAt)).toBeLessThanOrEqual(now());
    expect(await notices('stage.overdue')).toHaveLength(1);
  });
});
