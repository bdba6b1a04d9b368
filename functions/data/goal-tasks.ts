// Tasks decomposing a unit's goals (keys.goalTask: right after their goal in the unit's GOAL# items)
// and the unit's departments (keys.unitDepartments). One Query of the unit's GOAL# items reads the
// set, goals, tasks and departments together, so both decomposition views cost one Query. Every
// change is one commit: the task(s), the version checks, the set still approved, the audit entry.
import { t } from '../contracts/lang.ts';
import { departmentsRecord, goalTaskRecord, type DepartmentsRecord, type GoalTaskRecord } from '../model/goal-task.ts';
import type { GoalRecord, GoalSetRecord } from '../model/goal.ts';
import { tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { goalEntity, goalSetEntity } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const goalTaskEntity = entity('goalTask', goalTaskRecord, (x) => keys.goalTask(x.regionId, x.cycleId, x.unitId, x.indicatorId, x.taskId));
export const departmentsEntity = entity('departments', departmentsRecord, (d) => keys.unitDepartments(d.regionId, d.cycleId, d.unitId));

export interface UnitWork {
  set?: GoalSetRecord | undefined;
  goals: GoalRecord[];
  tasks: GoalTaskRecord[];
  departments?: DepartmentsRecord | undefined;
}

/** The unit's set, goals, tasks and departments: one consistent Query of its GOAL# items. */
export async function readUnitWork(regionId: string, cycleId: string, unitId: string): Promise<UnitWork> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('GOAL', unitId) },
    ConsistentRead: true,
  });
  const set = items.find(goalSetEntity.is);
  const depts = items.find(departmentsEntity.is);
  return {
    set: set && goalSetEntity.parse(set),
    goals: items.filter(goalEntity.is).map(goalEntity.parse),
    tasks: items.filter(goalTaskEntity.is).map(goalTaskEntity.parse),
    departments: depts && departmentsEntity.parse(depts),
  };
}

const stale = () => t('任务已被他人修改，或目标已不在审定状态，请刷新后重试', 'Someone else changed these tasks, or the goals are no longer approved; please refresh and try again');

const check = (Key: Record<string, unknown>, ConditionExpression: string, values: Record<string, unknown> = {}, names?: Record<string, string>): TransactItem => ({
  ConditionCheck: { TableName: tableName(), Key, ConditionExpression, ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}), ...(names ? { ExpressionAttributeNames: names } : {}) },
});

/** The set is still approved and the goal still there: tasks decompose approved goals only. */
function goalApproved(x: { regionId: string; cycleId: string; unitId: string; indicatorId: string }): TransactItem[] {
  return [
    check(keys.goalSet(x.regionId, x.cycleId, x.unitId), '#status = :approved', { ':approved': 'approved' }, { '#status': 'status' }),
    check(keys.goal(x.regionId, x.cycleId, x.unitId, x.indicatorId), 'attribute_exists(pk)'),
  ];
}

const versionIs = (v: number | undefined) => (v === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': v } });

/** A post task's parent moves on with each change below it, so deleting it never leaves an orphan. */
const bumpParent = (parent: GoalTaskRecord, by: string, at: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.goalTask(parent.regionId, parent.cycleId, parent.unitId, parent.indicatorId, parent.taskId),
    UpdateExpression: 'SET updatedAt = :at, updatedBy = :by ADD version :one',
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':at': at, ':by': by, ':one': 1, ':v': parent.version },
  },
});

const target = (x: GoalTaskRecord) => `goalTask:${x.regionId}/${x.cycleId}/${x.unitId}/${x.indicatorId}/${x.taskId}`;

/**
 * Adds (`before` undefined) or changes a task: the task conditioned on the version read, the
 * departments on theirs, the set still approved, and a new post task's parent moved on.
 */
export async function storeTask(actor: Actor, task: GoalTaskRecord, before: GoalTaskRecord | undefined, departmentsVersion: number, parent: GoalTaskRecord | undefined, at: string): Promise<void> {
  await commit(
    actor,
    { action: before ? 'goal.task.save' : 'goal.task.add', target: target(task), before, after: task },
    [
      ...goalApproved(task),
      check(keys.unitDepartments(task.regionId, task.cycleId, task.unitId), 'version = :dv', { ':dv': departmentsVersion }),
      { Put: { TableName: tableName(), Item: goalTaskEntity.item(task), ...versionIs(before?.version) } },
      ...(parent && !before ? [bumpParent(parent, actor.username, at)] : []),
    ],
    at,
    stale(),
  );
}

/** Removes a task and the post tasks below it in one commit, each as read. */
export async function removeTasks(actor: Actor, task: GoalTaskRecord, children: GoalTaskRecord[], parent: GoalTaskRecord | undefined, at: string): Promise<void> {
  const del = (x: GoalTaskRecord): TransactItem => ({
    Delete: { TableName: tableName(), Key: keys.goalTask(x.regionId, x.cycleId, x.unitId, x.indicatorId, x.taskId), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': x.version } },
  });
  await commit(
    actor,
    { action: 'goal.task.remove', target: target(task), before: { ...task, posts: children.map((c) => ({ taskId: c.taskId, title: c.title, post: c.post })) } },
    [...goalApproved(task), del(task), ...children.map(del), ...(parent ? [bumpParent(parent, actor.username, at)] : [])],
    at,
    stale(),
  );
}

/** Replaces the unit's department list, as read (`before` undefined: the first list). */
export async function storeDepartments(actor: Actor, next: DepartmentsRecord, before: DepartmentsRecord | undefined, at: string): Promise<void> {
  await commit(
    actor,
    { action: 'goal.departments.save', target: `departments:${next.regionId}/${next.cycleId}/${next.unitId}`, before: before?.departments, after: next.departments },
    [{ Put: { TableName: tableName(), Item: departmentsEntity.item(next), ...versionIs(before?.version) } }],
    at,
    t('科室名单已被他人修改，请刷新后重试', 'Someone else changed the department list; please refresh and try again'),
  );
}
