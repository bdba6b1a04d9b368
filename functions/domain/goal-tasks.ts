// Decomposition of approved goals into tasks (Art 13) as pure rules: when a task's fields are
// acceptable (department in use, post for a post task, due date within the cycle year and not after
// the goal's last milestone unless the unit confirms it, a post task not due after its department
// task), how the unit's department list may change, and the two views (per goal, per department).
import { t } from '../contracts/lang.ts';
import type { FieldProblem } from './errors.ts';
import type { Department, GoalTaskRecord, TaskFields } from '../model/goal-task.ts';
import type { Milestone } from '../model/goal.ts';

/** At most this many tasks under one goal (department and post tasks together). */
export const MAX_TASKS_PER_GOAL = 60;

/** The goal's last milestone date, if it has any. */
export const lastMilestone = (milestones: readonly Milestone[]): string | undefined =>
  milestones.reduce<string | undefined>((last, m) => (last === undefined || m.date > last ? m.date : last), undefined);

export interface TaskContext {
  year: number;
  departments: readonly Department[];
  /** The goal's last milestone: a later due date needs the unit's confirmation. */
  lastMilestone?: string | undefined;
  /** The department task above a post task. */
  parent?: Pick<GoalTaskRecord, 'due' | 'departmentId' | 'parentId'> | undefined;
  /** Due dates of the post tasks below a department task being edited. */
  childDues?: readonly string[];
  /** The department the task had before (a task may stay with a department retired since). */
  departmentBefore?: string | undefined;
}

/** Problems of a task's fields, each naming its field (body.*); none means it may be saved. */
export function taskProblems(fields: TaskFields, ctx: TaskContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: `body.${field}`, message });
  const dept = ctx.departments.find((d) => d.id === fields.departmentId);
  if (!dept) add('departmentId', t('本单位没有这个科室', 'This unit has no such department'));
  else if (dept.retired && ctx.departmentBefore !== dept.id) add('departmentId', t(`科室「${dept.name}」已撤销，不能再分配任务`, `The department “${dept.name}” is retired and takes no new tasks`));
  if (ctx.parent) {
    if (ctx.parent.parentId) add('parentId', t('岗位任务不能再分解', 'A post task cannot be split further'));
    if (fields.departmentId !== ctx.parent.departmentId) add('departmentId', t('岗位任务应与所属科室任务同一科室', 'A post task belongs to the department of its department task'));
    if (!fields.post) add('post', t('岗位任务须填写岗位', 'A post task needs its post'));
  }
  const first = `${ctx.year}-01-01`;
  const last = `${ctx.year}-12-31`;
  if (fields.due < first || fields.due > last) add('due', t(`完成时限应在 ${ctx.year} 年内`, `The due date must be within ${ctx.year}`));
  else if (ctx.lastMilestone && fields.due > ctx.lastMilestone && !fields.lateConfirmed) {
    add('due', t(`完成时限晚于目标最后节点（${ctx.lastMilestone}），如确需如此请勾选确认`, `The due date is after the goal's last milestone (${ctx.lastMilestone}); confirm it if that is intended`));
  }
  if (ctx.parent && fields.due > ctx.parent.due) add('due', t(`岗位任务不能晚于所属科室任务的时限（${ctx.parent.due}）`, `A post task cannot be due after its department task (${ctx.parent.due})`));
  const later = (ctx.childDues ?? []).filter((d) => d > fields.due).sort();
  if (later.length) add('due', t(`已有岗位任务时限为 ${later.at(-1)}，科室任务不能早于它`, `A post task is due ${later.at(-1)}; the department task cannot be due before it`));
  return problems;
}

/** A department as the unit sends it: an id for one it had, none for a new one. */
export interface DepartmentInput {
  id?: string | undefined;
  name: string;
  retired: boolean;
}

/**
 * The unit's next department list: ids kept, new ones given `newId()`; names unique among those
 * in use; a department with tasks may be retired but not dropped.
 */
export function nextDepartments(before: readonly Department[], input: readonly DepartmentInput[], withTasks: ReadonlySet<string>, newId: () => string): { departments: Department[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const known = new Set(before.map((d) => d.id));
  const departments = input.map((d) => ({ id: d.id ?? newId(), name: d.name, retired: d.retired }));
  input.forEach((d, i) => {
    if (d.id !== undefined && !known.has(d.id)) problems.push({ path: `body.departments.${i}.id`, message: t('本单位没有这个科室', 'This unit has no such department') });
  });
  const seen = new Map<string, number>();
  departments.forEach((d, i) => {
    if (d.retired) return;
    if (seen.has(d.name)) problems.push({ path: `body.departments.${i}.name`, message: t(`科室「${d.name}」重名`, `The department “${d.name}” appears twice`) });
    seen.set(d.name, i);
  });
  const kept = new Set(departments.map((d) => d.id));
  for (const d of before) {
    if (!kept.has(d.id) && withTasks.has(d.id)) problems.push({ path: 'body.departments', message: t(`科室「${d.name}」已有任务，只能撤销，不能删除`, `The department “${d.name}” has tasks: retire it instead of removing it`) });
  }
  return { departments, problems };
}

const byDueThenTitle = (a: GoalTaskRecord, b: GoalTaskRecord) => a.due.localeCompare(b.due) || a.title.localeCompare(b.title, 'zh');

export interface TaskNode<T extends GoalTaskRecord = GoalTaskRecord> {
  task: T;
  posts: T[];
}

/** A goal's tasks as a tree: department tasks, each with its post tasks (by due date). */
export function taskTree<T extends GoalTaskRecord>(tasks: readonly T[]): TaskNode<T>[] {
  const top = tasks.filter((x) => !x.parentId).sort(byDueThenTitle);
  return top.map((task) => ({ task, posts: tasks.filter((x) => x.parentId === task.taskId).sort(byDueThenTitle) }));
}

/** Tasks by department, in the list's order (departments without tasks too, retired ones only when they have tasks). */
export function tasksByDepartment<T extends GoalTaskRecord>(departments: readonly Department[], tasks: readonly T[]): { department: Department; tasks: T[] }[] {
  return departments
    .map((department) => ({ department, tasks: tasks.filter((x) => x.departmentId === department.id).sort(byDueThenTitle) }))
    .filter((g) => !g.department.retired || g.tasks.length > 0);
}
