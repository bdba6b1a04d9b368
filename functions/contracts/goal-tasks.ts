// Decomposition of a unit's approved goals into tasks for its departments and posts (Art 13): the
// unit's staff and leader keep the tasks and the department list; the bureau reads them. Rules in
// domain/goal-tasks.ts; storage in data/goal-tasks.ts (one Query per view).
import { department, departmentId, goalTaskRecord, taskFields, taskId } from '../model/goal-task.ts';
import { goalStatus } from '../model/goal.ts';
import { BUREAU_ROLES } from '../domain/roles.ts';
import { only } from './access.ts';
import { route } from './define.ts';
import { t } from './lang.ts';
import { cycleUnitPath, goalPath, goalTaskPath } from './paths.ts';
import { text, z } from './zod.ts';

export const addGoalTaskBody = taskFields.extend({
  indicatorId: goalPath.shape.indicatorId,
  /** The department task a post task belongs to. */
  parentId: taskId.optional(),
});
export type AddGoalTaskBody = z.infer<typeof addGoalTaskBody>;
export const saveGoalTaskBody = taskFields.extend({ version: z.number().int().min(1) });
export type SaveGoalTaskBody = z.infer<typeof saveGoalTaskBody>;
export const removeGoalTaskBody = z.object({ version: z.number().int().min(1) });

/** The whole list as the unit wants it: ids of departments kept, none for new ones; the version read (0: none yet). */
export const saveDepartmentsBody = z.object({
  version: z.number().int().min(0),
  departments: z
    .array(z.object({ id: departmentId.optional(), name: text({ min: 1, max: 40 }), retired: z.boolean().default(false) }))
    .max(60, { error: () => t('科室最多 60 个', 'At most 60 departments') }),
});
export type SaveDepartmentsBody = z.infer<typeof saveDepartmentsBody>;

export const goalTaskView = goalTaskRecord.omit({ regionId: true });
export type GoalTaskView = z.infer<typeof goalTaskView>;

const departmentsView = z.object({ version: z.number().int().min(0), items: z.array(department) });

/** What every decomposition view carries about the unit and whether it may change tasks now. */
const unitPart = {
  cycleId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  /** The goal set's status ('draft' when none): only an approved set is decomposed. */
  setStatus: goalStatus,
  /** The set is approved and the cycle open: the unit may change tasks. */
  editable: z.boolean(),
  departments: departmentsView,
};

/** A goal with its tasks: department tasks, each with its post tasks. */
export const goalTaskTree = z.object({
  indicatorId: z.string(),
  name: z.string(),
  parents: z.array(z.string()),
  target: z.number().optional(),
  unitOfMeasure: z.string().optional(),
  responsible: z.string().optional(),
  lastMilestone: z.string().optional(),
  tasks: z.array(goalTaskView.extend({ posts: z.array(goalTaskView) })),
});
export const goalTasksView = z.object({ ...unitPart, goals: z.array(goalTaskTree) });
export type GoalTasksView = z.infer<typeof goalTasksView>;

/** A department with its tasks across the unit's goals (each naming its goal). */
export const departmentTasksView = z.object({
  ...unitPart,
  groups: z.array(z.object({ department, tasks: z.array(goalTaskView.extend({ goalName: z.string() })) })),
});
export type DepartmentTasksView = z.infer<typeof departmentTasksView>;

/** The unit's own people keep the tasks; the bureau of the region reads them. */
const taskReaders = only([...BUREAU_ROLES, 'unit_staff', 'unit_leader'], 'ownUnit');
const taskKeepers = only(['unit_staff', 'unit_leader'], 'ownUnit');

const unit = '/regions/{regionId}/cycles/{cycleId}/units/{unitId}';

export const goalTaskRoutes = {
  getGoalTasks: route({ method: 'GET', path: `${unit}/goal-tasks`, group: 'goals', access: taskReaders, params: cycleUnitPath, output: goalTasksView, summary: '目标分解：按目标查看科室与岗位任务' }),
  getDepartmentTasks: route({ method: 'GET', path: `${unit}/department-tasks`, group: 'goals', access: taskReaders, params: cycleUnitPath, output: departmentTasksView, summary: '目标分解：按科室查看任务' }),
  addGoalTask: route({ method: 'POST', path: `${unit}/goal-tasks`, group: 'goals', access: taskKeepers, params: cycleUnitPath, body: addGoalTaskBody, output: goalTaskView, summary: '新增一项分解任务（科室任务或岗位任务）' }),
  saveGoalTask: route({ method: 'PUT', path: `${unit}/goal-tasks/{taskId}`, group: 'goals', access: taskKeepers, params: goalTaskPath, body: saveGoalTaskBody, output: goalTaskView, summary: '修改一项分解任务' }),
  removeGoalTask: route({ method: 'DELETE', path: `${unit}/goal-tasks/{taskId}`, group: 'goals', access: taskKeepers, params: goalTaskPath, body: removeGoalTaskBody, output: goalTasksView, summary: '删除一项分解任务（连同其岗位任务）' }),
  saveDepartments: route({ method: 'PUT', path: `${unit}/departments`, group: 'goals', access: taskKeepers, params: cycleUnitPath, body: saveDepartmentsBody, output: departmentsView, summary: '维护本单位科室名单（新增、改名、撤销）' }),
};
