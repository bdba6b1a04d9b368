// Decomposition of a unit's approved goals into department and post tasks, and its department list, called by their contracts.
import { goalTaskRoutes, type AddGoalTaskBody, type SaveDepartmentsBody, type SaveGoalTaskBody } from '@shared/contracts/goal-tasks.ts';
import { call } from './call';

export type { AddGoalTaskBody, DepartmentTasksView, GoalTasksView, GoalTaskView, SaveDepartmentsBody, SaveGoalTaskBody } from '@shared/contracts/goal-tasks.ts';
export type { Department } from '@shared/model/goal-task.ts';

const at = (regionId: string, cycleId: string, unitId: string) => ({ regionId, cycleId, unitId });

/** 目标分解：按目标 */
export const getGoalTasksApi = (regionId: string, cycleId: string, unitId: string) => call(goalTaskRoutes.getGoalTasks, { params: at(regionId, cycleId, unitId) });

/** 目标分解：按科室 */
export const getDepartmentTasksApi = (regionId: string, cycleId: string, unitId: string) => call(goalTaskRoutes.getDepartmentTasks, { params: at(regionId, cycleId, unitId) });

/** 新增任务（错误由对话框显示） */
export const addGoalTaskApi = (regionId: string, cycleId: string, unitId: string, body: AddGoalTaskBody) =>
  call(goalTaskRoutes.addGoalTask, { params: at(regionId, cycleId, unitId), body }, { silent: true });

/** 修改任务（错误由对话框显示） */
export const saveGoalTaskApi = (regionId: string, cycleId: string, unitId: string, taskId: string, body: SaveGoalTaskBody) =>
  call(goalTaskRoutes.saveGoalTask, { params: { ...at(regionId, cycleId, unitId), taskId }, body }, { silent: true });

/** 删除任务（连同其岗位任务） */
export const removeGoalTaskApi = (regionId: string, cycleId: string, unitId: string, taskId: string, version: number) =>
  call(goalTaskRoutes.removeGoalTask, { params: { ...at(regionId, cycleId, unitId), taskId }, body: { version } });

/** 保存科室名单（错误由对话框显示） */
export const saveDepartmentsApi = (regionId: string, cycleId: string, unitId: string, body: SaveDepartmentsBody) =>
  call(goalTaskRoutes.saveDepartments, { params: at(regionId, cycleId, unitId), body }, { silent: true });
