// Decomposition of a unit's approved goals (Art 13): tasks for its departments (科室) and posts
// (岗位), one level of nesting (a department task split into post tasks), and the unit's list of
// departments for the cycle. Rules in domain/goal-tasks.ts; storage in data/goal-tasks.ts.
import { ids, isoDate, text, version, z } from '../contracts/zod.ts';

/** A department id: short, assigned by the server when the unit adds one. */
export const departmentId = z.string().regex(/^d[0-9a-z]{1,15}$/);
/** A task id, assigned by the server. */
export const taskId = z.string().regex(/^t[0-9a-z]{1,19}$/);

export const department = z.object({
  id: departmentId,
  name: text({ min: 1, max: 40 }),
  /** A retired department keeps its tasks but takes no new ones. */
  retired: z.boolean().default(false),
});
export type Department = z.infer<typeof department>;

/**
 * The unit's departments in this cycle (keys.unitDepartments). A list rather than names typed on
 * each task: a rename reaches every task at once, the department view shows departments that have
 * no task yet, and a typo cannot split one department in two.
 */
export const departmentsRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  departments: z.array(department).max(60),
  version,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type DepartmentsRecord = z.infer<typeof departmentsRecord>;

const figure = z.number().min(-1e15).max(1e15);

/** What a unit fills in for a task. */
export const taskFields = z.object({
  title: text({ min: 1, max: 100 }),
  departmentId,
  /** The post (岗位): required for a post task (one with a parent), optional otherwise. */
  post: text({ max: 40 }).optional(),
  /** The person who answers for the task. */
  owner: text({ min: 1, max: 40 }),
  due: isoDate,
  /** The unit confirms a due date after the goal's last milestone. */
  lateConfirmed: z.boolean().default(false),
  expected: figure.optional(),
});
export type TaskFields = z.infer<typeof taskFields>;

/** One task as stored (keys.goalTask), under its goal. */
export const goalTaskRecord = taskFields.extend({
  regionId: ids.region,
  cycleId: ids.cycle,
  unitId: ids.unit,
  indicatorId: z.string(),
  taskId,
  /** The department task this post task belongs to. */
  parentId: taskId.optional(),
  version,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type GoalTaskRecord = z.infer<typeof goalTaskRecord>;
