// Demo decomposition (Art 13) of two approved 2026 goal sets of 玉林市: 北流市 and 陆川县 keep their
// departments (科室) and break their first goals into department tasks, each split into post tasks,
// due before the goal's last milestone — so 目标分解 opens on a real example for the bureau to read.
import { departmentsEntity, goalTaskEntity } from '../../functions/data/goal-tasks.ts';
import { lastMilestone } from '../../functions/domain/goal-tasks.ts';
import type { Department, DepartmentsRecord, GoalTaskRecord } from '../../functions/model/goal-task.ts';
import type { GoalRecord, GoalSetRecord } from '../../functions/model/goal.ts';
import { YULIN } from './demo-data.ts';

const UNITS: Record<string, { staff: string; departments: string[]; owners: string[] }> = {
  'yl-beiliu': { staff: 'system:seed', departments: ['办公室', '发展和改革科', '统计科', '财政科'], owners: ['陈志强', '黄丽萍', '李国华', '莫晓云', '覃海波', '韦春燕'] },
  'yl-luchuan': { staff: 'system:seed', departments: ['综合科', '经济运行科', '社会事务科'], owners: ['梁建新', '庞秀英', '钟伟', '杨丽', '冯家明', '何文静'] },
};

/** Department and post tasks for a goal: what each department does, and who in it does what. */
const PLANS = [
  { dept: 1, title: '分解落实年度目标并按月调度', posts: [{ title: '建立月度监测台账', post: '统计员' }, { title: '编写季度进展分析', post: '综合文秘' }] },
  { dept: 2, title: '牵头推进重点项目与政策落实', posts: [{ title: '跟踪重点项目进度', post: '项目专员' }] },
  { dept: 0, title: '督办通报目标完成情况', posts: [] },
];

const earlier = (a: string, b: string) => (a < b ? a : b);

/** The items of a unit's decomposition: its departments and tasks under its first goals (none for other units, years or sets not approved). */
export function demoTaskItems(regionId: string, year: number, set: GoalSetRecord, goals: GoalRecord[]): Record<string, unknown>[] {
  const demo = UNITS[set.unitId];
  if (regionId !== YULIN || year !== 2026 || set.status !== 'approved' || !demo) return [];
  const cycleId = String(year);
  const at = `${year}-03-2${set.unitId.length % 8}T02:00:00.000Z`;
  const departments: Department[] = demo.departments.map((name, i) => ({ id: `d${i + 1}`, name, retired: false }));
  const record: DepartmentsRecord = { regionId, cycleId, unitId: set.unitId, departments, version: 1, updatedAt: at, updatedBy: demo.staff };
  const tasks: GoalTaskRecord[] = [];
  let owner = 0;
  goals.slice(0, 3).forEach((goal, g) => {
    const last = lastMilestone(goal.milestones) ?? `${year}-12-31`;
    PLANS.forEach((p, n) => {
      const dept = departments[p.dept % departments.length]!;
      const taskId = `t${g + 1}${n + 1}`;
      const due = earlier(last, `${year}-${n === 2 ? '12' : '10'}-31`);
      const base = { regionId, cycleId, unitId: set.unitId, indicatorId: goal.indicatorId, departmentId: dept.id, lateConfirmed: false, version: 1, createdAt: at, createdBy: demo.staff, updatedAt: at, updatedBy: demo.staff };
      tasks.push({ ...base, taskId, title: p.title, owner: demo.owners[owner++ % demo.owners.length]!, due, ...(goal.target !== undefined && n === 0 ? { expected: goal.target } : {}) });
      p.posts.forEach((post, k) => {
        tasks.push({ ...base, taskId: `${taskId}${k + 1}`, parentId: taskId, title: post.title, post: post.post, owner: demo.owners[owner++ % demo.owners.length]!, due: earlier(due, `${year}-0${6 + k * 3}-30`) });
      });
    });
  });
  return [departmentsEntity.item(record), ...tasks.map((x) => goalTaskEntity.item(x))];
}
