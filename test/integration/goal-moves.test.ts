// A set move over more goals than one transaction holds (150 here): staged behind a lock on the
// set, all or nothing as the user sees it; a move cut short is finished by the next write, never
// done twice; the locked set takes no other change.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { cycleItems } from '../../cdk/local/seed.ts';
import { listAudit } from '../../functions/data/audit.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import type { Actor } from '../../functions/data/commit.ts';
import { readSettledGoals, storeMove } from '../../functions/data/goal-moves.ts';
import { goalItem, goalSetItem, readUnitGoals, storeGoal } from '../../functions/data/goals.ts';
import { noticeItem, listNotices } from '../../functions/data/notifications.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { ConflictError } from '../../functions/domain/errors.ts';
import { countByStatus } from '../../functions/domain/goals.ts';
import { stageNumber } from '../../functions/domain/stages.ts';
import type { GoalRecord, GoalSetRecord } from '../../functions/model/goal.ts';
import { useFreshTable } from '../helpers/table.ts';

const R = '450900';
const C = '2026';
const U = 'yl-big';
const N = 150;
const AT = '2026-02-20T03:00:00.000Z';
const leader: Actor = { username: 'big_leader', role: 'unit_leader', regionId: R, unitId: U };

const goal = (i: number): GoalRecord => ({
  regionId: R, cycleId: C, unitId: U, indicatorId: `1.${i + 1}`, categoryId: 'c1', planVersion: 1, assessorUnitId: '', status: 'draft',
  target: 100, unitOfMeasure: '%', milestones: [], coUnitIds: [], version: 1, updatedAt: AT, updatedBy: 'big_staff',
});
const draftSet: GoalSetRecord = { regionId: R, cycleId: C, unitId: U, categoryId: 'c1', status: 'draft', counts: { draft: N, submitted: 0, returned: 0, approved: 0 }, version: N, updatedAt: AT, updatedBy: 'big_staff' };

async function writeAll(items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

/** The leader's submission of all N goals, as the handler builds it. */
function submission(set: GoalSetRecord, goals: GoalRecord[]) {
  const moved = goals.map((g) => ({ before: g, after: { ...g, status: 'submitted' as const, version: g.version + 1, updatedAt: AT, updatedBy: leader.username } }));
  const after: GoalSetRecord = { ...set, status: 'submitted', counts: countByStatus(moved.map((m) => m.after)), version: set.version + 1, submittedAt: AT, submittedBy: leader.username };
  const notice = noticeItem({ regionId: R, unitId: 'yl-jxb', at: AT, kind: 'goals.submitted', title: '【目标报送】', body: `报送了 ${N} 项目标`, link: '/' });
  return [leader, 'goals.submit', { before: set, after }, moved, ['goal_setting'], notice, AT, undefined] as const;
}

/** Runs `fn` with the n-th TransactWriteItems onwards failing, as a Lambda stopped mid-way would leave it. */
async function cutAfter(n: number, fn: () => Promise<unknown>) {
  let seen = 0;
  const stack = documentClient().middlewareStack;
  stack.add((next, context) => async (args) => {
    if (context.commandName === 'TransactWriteItemsCommand' && ++seen > n) throw new Error('cut short');
    return next(args);
  }, { step: 'initialize', name: 'cut' });
  try {
    await expect(fn()).rejects.toThrow('cut short');
  } finally {
    stack.remove('cut');
  }
}

beforeEach(async () => {
  await useFreshTable();
  await writeAll([...cycleItems(R, 2026, stageNumber('goal_setting'), 'yl_staff'), goalSetItem(draftSet, AT), ...Array.from({ length: N }, (_, i) => goalItem(goal(i)))]);
});

describe('a set move over 150 goals', () => {
  it('moves every goal and the set, with one notice and the audit of each step', async () => {
    const { set, goals } = await readUnitGoals(R, C, U);
    await storeMove(...submission(set!, goals));
    const after = await readUnitGoals(R, C, U);
    expect(after.set).toMatchObject({ status: 'submitted', version: N + 1, counts: { submitted: N, draft: 0 } });
    expect(after.set?.moving).toBeUndefined();
    expect(after.goals.every((g) => g.status === 'submitted' && g.version === 2)).toBe(true);
    expect((await listNotices(R, 'yl-jxb', 10)).items.filter((n) => n.kind === 'goals.submitted')).toHaveLength(1);
    const actions = (await listAudit(R, beijingDate(Date.parse(AT)).slice(0, 7), 20)).items.map((a) => a.action).sort();
    expect(actions).toEqual(['goals.submit', 'goals.submit.begin', 'goals.submit.goals', 'goals.submit.goals']);
  });

  it('refuses a stale set version and writes nothing', async () => {
    const { set, goals } = await readUnitGoals(R, C, U);
    const args = submission({ ...set!, version: set!.version - 1 }, goals);
    await expect(storeMove(...args)).rejects.toBeInstanceOf(ConflictError);
    const after = await readUnitGoals(R, C, U);
    expect(after.set).toMatchObject({ status: 'draft', version: N });
    expect(after.set?.moving).toBeUndefined();
  });

  it('holds the set while cut short, and the next write finishes the move exactly once', async () => {
    const { set, goals } = await readUnitGoals(R, C, U);
    // The lock and the first chunk of goals went through; the second chunk and the unlock did not.
    await cutAfter(2, () => storeMove(...submission(set!, goals)));
    const held = await readUnitGoals(R, C, U);
    expect(held.set).toMatchObject({ status: 'draft', moving: { action: 'goals.submit' } });
    expect(held.goals.filter((g) => g.status === 'submitted')).toHaveLength(98);
    // A save meanwhile is refused: the set belongs to the move.
    const g = held.goals.find((x) => x.status === 'draft')!;
    await expect(storeGoal(leader, { ...g, target: 1, version: g.version + 1 }, g, held.set, held.set!, AT, ['goal_setting'])).rejects.toBeInstanceOf(ConflictError);
    // The next write on the set finishes it first.
    const settled = await readSettledGoals(leader, R, C, U);
    expect(settled.set).toMatchObject({ status: 'submitted', version: N + 1, counts: { submitted: N } });
    expect(settled.set?.moving).toBeUndefined();
    expect(settled.goals.every((x) => x.status === 'submitted' && x.version === 2)).toBe(true);
    expect((await listNotices(R, 'yl-jxb', 10)).items.filter((n) => n.kind === 'goals.submitted')).toHaveLength(1);
    // Nothing left to finish.
    expect(await readSettledGoals(leader, R, C, U)).toEqual(settled);
  });
});
