// Decomposition of a unit's approved goals into department and post tasks (Art 13), and the unit's
// department list. Each view is the cycle, the categories, the plan in force (for the goals' names)
// and one Query of the unit's GOAL# items (set, goals, tasks, departments). Rules: domain/goal-tasks.ts.
import { randomBytes } from 'node:crypto';
import { nowIso } from '../../config/clock.ts';
import { goalTaskRoutes, type GoalTasksView, type DepartmentTasksView } from '../../contracts/goal-tasks.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { readUnitWork, removeTasks, storeDepartments, storeTask, type UnitWork } from '../../data/goal-tasks.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { lastMilestone, MAX_TASKS_PER_GOAL, nextDepartments, taskProblems, taskTree, tasksByDepartment } from '../../domain/goal-tasks.ts';
import { isLeaf, type PlanNode } from '../../domain/plan.ts';
import type { GoalTaskRecord } from '../../model/goal-task.ts';
import type { GoalRecord } from '../../model/goal.ts';
import { ops } from '../../http/chain.ts';

type UnitParams = { regionId: string; cycleId: string; unitId: string };

/** The cycle, the unit's name and the names of its plan's leaves (with the indicators above them). */
async function context(p: UnitParams) {
  const [cycle, set] = await Promise.all([getCycle(p.regionId, p.cycleId), getCategorySet(p.regionId, p.cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === p.unitId));
  const unit = category?.units.find((u) => u.unitId === p.unitId);
  if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const plan = await getCurrentPlan(p.regionId, p.cycleId, category.categoryId);
  return { cycle, unitName: unit.name, year: Number(cycle.cycleId), names: leafNames(plan?.plan.tree ?? []) };
}

/** Each leaf's name and the names of the indicators above it. */
function leafNames(tree: readonly PlanNode[]) {
  const names = new Map<string, { name: string; parents: string[] }>();
  const visit = (nodes: readonly PlanNode[], parents: string[]) => {
    for (const n of nodes) if (isLeaf(n)) names.set(n.id, { name: n.name, parents });
    else visit(n.children ?? [], [...parents, n.name]);
  };
  visit(tree, []);
  return names;
}
type Context = Awaited<ReturnType<typeof context>>;

const decomposable = (ctx: Context, work: UnitWork) => ctx.cycle.status === 'open' && work.set?.status === 'approved';

function unitPart(p: UnitParams, ctx: Context, work: UnitWork) {
  return {
    cycleId: p.cycleId,
    unitId: p.unitId,
    unitName: ctx.unitName,
    year: ctx.year,
    setStatus: work.set?.status ?? ('draft' as const),
    editable: decomposable(ctx, work),
    departments: { version: work.departments?.version ?? 0, items: work.departments?.departments ?? [] },
  };
}

const viewOf = ({ regionId: _r, ...x }: GoalTaskRecord) => x;
const goalName = (ctx: Context, indicatorId: string) => ctx.names.get(indicatorId)?.name ?? indicatorId;

function treeView(p: UnitParams, ctx: Context, work: UnitWork): GoalTasksView {
  const approved = work.set?.status === 'approved' ? work.goals : [];
  return {
    ...unitPart(p, ctx, work),
    goals: approved.map((g) => ({
      indicatorId: g.indicatorId,
      name: goalName(ctx, g.indicatorId),
      parents: ctx.names.get(g.indicatorId)?.parents ?? [],
      target: g.target,
      unitOfMeasure: g.unitOfMeasure,
      responsible: g.responsible,
      lastMilestone: lastMilestone(g.milestones),
      tasks: taskTree(work.tasks.filter((x) => x.indicatorId === g.indicatorId)).map((n) => ({ ...viewOf(n.task), posts: n.posts.map(viewOf) })),
    })),
  };
}

function departmentView(p: UnitParams, ctx: Context, work: UnitWork): DepartmentTasksView {
  return {
    ...unitPart(p, ctx, work),
    groups: tasksByDepartment(work.departments?.departments ?? [], work.tasks).map((g) => ({ department: g.department, tasks: g.tasks.map((x) => ({ ...viewOf(x), goalName: goalName(ctx, x.indicatorId) })) })),
  };
}

/** Context and the unit's work, refused unless the set is approved and the cycle open. */
async function forChange(p: UnitParams) {
  const [ctx, work] = await Promise.all([context(p), readUnitWork(p.regionId, p.cycleId, p.unitId)]);
  if (!decomposable(ctx, work)) throw new ConflictError(t('本单位目标尚未审定（或周期已结束），不能分解', 'This unit’s goals are not approved (or the cycle has closed): they cannot be decomposed yet'));
  return { ctx, work };
}

const stale = () => new ConflictError(t('任务已被他人修改，请刷新后重试', 'Someone else changed this task; please refresh and try again'));
const newId = (prefix: string) => `${prefix}${randomBytes(8).toString('hex').slice(0, 12)}`;

function findGoal(work: UnitWork, indicatorId: string): GoalRecord {
  const goal = work.goals.find((g) => g.indicatorId === indicatorId);
  if (!goal) throw new NotFoundError(t(`本单位没有指标 ${indicatorId} 的目标`, `This unit has no goal for indicator ${indicatorId}`));
  return goal;
}

function findTask(work: UnitWork, taskId: string): GoalTaskRecord {
  const task = work.tasks.find((x) => x.taskId === taskId);
  if (!task) throw new NotFoundError(t('没有这项任务', 'No such task'));
  return task;
}

function refuse(problems: ReturnType<typeof taskProblems>) {
  if (problems.length) throw new ValidationError(t('任务有误', 'The task has problems'), problems);
}

export const goalTaskOps = ops(goalTaskRoutes, {
  getGoalTasks: async ({ params }) => {
    const [ctx, work] = await Promise.all([context(params), readUnitWork(params.regionId, params.cycleId, params.unitId)]);
    return treeView(params, ctx, work);
  },

  getDepartmentTasks: async ({ params }) => {
    const [ctx, work] = await Promise.all([context(params), readUnitWork(params.regionId, params.cycleId, params.unitId)]);
    return departmentView(params, ctx, work);
  },

  addGoalTask: async ({ caller, params, body }) => {
    const { ctx, work } = await forChange(params);
    const goal = findGoal(work, body.indicatorId);
    const siblings = work.tasks.filter((x) => x.indicatorId === goal.indicatorId);
    if (siblings.length >= MAX_TASKS_PER_GOAL) throw new ConflictError(t(`一项目标最多分解 ${MAX_TASKS_PER_GOAL} 项任务`, `A goal takes at most ${MAX_TASKS_PER_GOAL} tasks`));
    const parent = body.parentId === undefined ? undefined : siblings.find((x) => x.taskId === body.parentId);
    if (body.parentId !== undefined && !parent) throw new NotFoundError(t('所属科室任务不存在（或不属于这项目标）', 'The department task does not exist (or belongs to another goal)'));
    const { indicatorId, parentId, ...fields } = body;
    refuse(taskProblems(fields, { year: ctx.year, departments: work.departments?.departments ?? [], lastMilestone: lastMilestone(goal.milestones), parent }));
    const at = nowIso();
    const task: GoalTaskRecord = { ...fields, regionId: params.regionId, cycleId: params.cycleId, unitId: params.unitId, indicatorId, taskId: newId('t'), ...(parentId ? { parentId } : {}), version: 1, createdAt: at, createdBy: caller.username, updatedAt: at, updatedBy: caller.username };
    await storeTask(caller, task, undefined, work.departments?.version ?? 0, parent, at);
    return viewOf(task);
  },

  saveGoalTask: async ({ caller, params, body }) => {
    const { ctx, work } = await forChange(params);
    const before = findTask(work, params.taskId);
    if (before.version !== body.version) throw stale();
    const goal = findGoal(work, before.indicatorId);
    const parent = before.parentId ? work.tasks.find((x) => x.taskId === before.parentId) : undefined;
    const childDues = work.tasks.filter((x) => x.parentId === before.taskId).map((x) => x.due);
    const children = work.tasks.filter((x) => x.parentId === before.taskId);
    const { version, ...fields } = body;
    refuse(taskProblems(fields, { year: ctx.year, departments: work.departments?.departments ?? [], lastMilestone: lastMilestone(goal.milestones), parent, childDues, departmentBefore: before.departmentId }));
    if (children.length && fields.departmentId !== before.departmentId) {
      throw new ValidationError(t('任务有误', 'The task has problems'), [{ path: 'body.departmentId', message: t('已有岗位任务的科室任务不能改换科室', 'A department task with post tasks cannot change department') }]);
    }
    const at = nowIso();
    const task: GoalTaskRecord = { ...before, ...fields, ...(fields.post === undefined ? { post: undefined } : {}), ...(fields.expected === undefined ? { expected: undefined } : {}), version: version + 1, updatedAt: at, updatedBy: caller.username };
    const clean = Object.fromEntries(Object.entries(task).filter(([, v]) => v !== undefined)) as GoalTaskRecord;
    await storeTask(caller, clean, before, work.departments?.version ?? 0, undefined, at);
    return viewOf(clean);
  },

  /** A department task goes with its post tasks, all in one commit. */
  removeGoalTask: async ({ caller, params, body }) => {
    const { ctx, work } = await forChange(params);
    const task = findTask(work, params.taskId);
    if (task.version !== body.version) throw stale();
    const children = work.tasks.filter((x) => x.parentId === task.taskId);
    const parent = task.parentId ? work.tasks.find((x) => x.taskId === task.parentId) : undefined;
    const at = nowIso();
    await removeTasks(caller, task, children, parent, at);
    const gone = new Set([task.taskId, ...children.map((c) => c.taskId)]);
    const tasks = work.tasks.filter((x) => !gone.has(x.taskId)).map((x) => (parent && x.taskId === parent.taskId ? { ...x, version: x.version + 1 } : x));
    return treeView(params, ctx, { ...work, tasks });
  },

  saveDepartments: async ({ caller, params, body }) => {
    const { work } = await forChange(params);
    const before = work.departments;
    if ((before?.version ?? 0) !== body.version) throw new ConflictError(t('科室名单已被他人修改，请刷新后重试', 'Someone else changed the department list; please refresh and try again'));
    const { departments, problems } = nextDepartments(before?.departments ?? [], body.departments, new Set(work.tasks.map((x) => x.departmentId)), () => newId('d'));
    if (problems.length) throw new ValidationError(t('科室名单有误', 'The department list has problems'), problems);
    const at = nowIso();
    const next = { regionId: params.regionId, cycleId: params.cycleId, unitId: params.unitId, departments, version: body.version + 1, updatedAt: at, updatedBy: caller.username };
    await storeDepartments(caller, next, before, at);
    return { version: next.version, items: departments };
  },
});
