// 目标分解 as a unit's filer sees it: a set not approved says so and offers nothing to change; an
// approved one shows each goal with its department tasks and their post tasks, the same tasks per
// department, and deleting a department task says its post tasks go with it and sends the version read.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DepartmentTasksView, GoalTasksView } from '@shared/contracts/goal-tasks.ts';
import { configureHttp } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import { confirmAction } from '@/utils/confirm';
import TasksPage from '@/views/goals/tasks/index.vue';
import { plugins } from './setup';
import { bureauStaff, unitLeader } from './users-fixtures';

vi.mock('@/utils/confirm', () => ({ confirmAction: vi.fn(async () => true) }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const BASE = '/api/regions/450900/cycles/2027/units/yz';

const task = (taskId: string, title: string, extra = {}) => ({
  cycleId: '2027', unitId: 'yz', indicatorId: '1.1', taskId, title, departmentId: 'd2', owner: '黄海', due: '2027-09-30', lateConfirmed: false,
  version: 2, createdAt: '', createdBy: 'yz_staff', updatedAt: '', updatedBy: 'yz_staff', ...extra,
});
const departments = { version: 1, items: [{ id: 'd1', name: '综合科', retired: false }, { id: 'd2', name: '统计科', retired: false }] };
const unit = (setStatus: GoalTasksView['setStatus']) => ({ cycleId: '2027', unitId: 'yz', unitName: '玉州区', year: 2027, setStatus, editable: setStatus === 'approved', departments });
const post = task('tpost', '月度数据采集', { parentId: 'tdept', post: '统计员', owner: '李明', due: '2027-08-31' });
const dept = task('tdept', '全年统计监测');
const treeView = (setStatus: GoalTasksView['setStatus']): GoalTasksView => ({
  ...unit(setStatus),
  goals: setStatus === 'approved' ? [{ indicatorId: '1.1', name: '地区生产总值增长', parents: ['经济发展'], target: 8, unitOfMeasure: '%', lastMilestone: '2027-11-30', tasks: [{ ...dept, posts: [post] }] }] : [],
});
const deptView = (setStatus: GoalTasksView['setStatus']): DepartmentTasksView => ({
  ...unit(setStatus),
  groups: [
    { department: departments.items[0]!, tasks: [] },
    { department: departments.items[1]!, tasks: setStatus === 'approved' ? [{ ...post, goalName: '地区生产总值增长' }, { ...dept, goalName: '地区生产总值增长' }] : [] },
  ],
});

describe('goal tasks page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function mountPage(setStatus: GoalTasksView['setStatus'], as = unitLeader, query: Record<string, string> = {}) {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/regions/450900/units')) return json(200, { items: [{ unitId: 'yz', name: '玉州区', type: 'county', status: 'active', categoryHint: '', assessor: false, version: 1 }] });
      if (init?.method === 'DELETE') return json(200, { ...treeView(setStatus), goals: [] });
      if (url === `${BASE}/goal-tasks`) return json(200, treeView(setStatus));
      if (url === `${BASE}/department-tasks`) return json(200, deptView(setStatus));
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/goal-tasks/:cycleId?', name: 'goal-tasks', component: TasksPage }] });
    const plugs = plugins();
    useSessionStore().me = { ...as, roleName: '' };
    await router.push({ path: '/goal-tasks/2027', query });
    wrapper = mount(TasksPage, { props: { cycleId: '2027' }, global: { plugins: [...plugs, router] }, attachTo: document.body });
    await flushPromises();
  }

  it('lets the bureau read the unit named in the address, with nothing to change', async () => {
    await mountPage('approved', bureauStaff, { unit: 'yz' });
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain(`${BASE}/goal-tasks`);
    expect(q('tasks-goal-1.1')?.textContent).toContain('全年统计监测');
    expect(q('departments-open')).toBeNull();
    expect(document.body.querySelector('[data-testid^="task-add-"], [data-testid^="task-edit-"], [data-testid^="task-remove-"]')).toBeNull();
  });

  it('asks the bureau to choose a unit first', async () => {
    await mountPage('approved', bureauStaff);
    expect(q('tasks-unit')).not.toBeNull();
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/goal-tasks'))).toBe(false);
  });

  it('says a set not approved cannot be decomposed yet, and offers nothing to change', async () => {
    await mountPage('submitted');
    expect(q('tasks-not-approved')?.textContent).toContain('本单位目标审定后才能分解');
    expect(q('tasks-set-status')?.textContent).toBe('已报送');
    expect(q('departments-open')).toBeNull();
    expect(document.body.querySelector('[data-testid^="task-add-"]')).toBeNull();
  });

  it('shows each goal with its department task and the post task below it, and the same tasks per department', async () => {
    await mountPage('approved');
    const goal = q('tasks-goal-1.1')!.textContent!;
    expect(goal).toContain('1.1 地区生产总值增长');
    expect(goal).toContain('最后节点 2027-11-30');
    expect(goal).toContain('全年统计监测');
    expect(goal).toContain('月度数据采集');
    expect(goal).toContain('统计员');
    expect(q('task-add-post-tdept')).not.toBeNull();
    expect(q('task-add-post-tpost')).toBeNull(); // one level only
    expect(q('tasks-department-统计科')!.textContent).toContain('岗位任务');
    expect(q('tasks-department-综合科')!.textContent).toContain('尚未分解任务');
  });

  it('deletes a department task with its post tasks after saying so, sending the version read', async () => {
    await mountPage('approved');
    q('task-remove-tdept')!.click();
    await flushPromises();
    expect(vi.mocked(confirmAction).mock.calls.at(-1)![0].message).toContain('有 1 项岗位任务，将一并删除');
    const sent = fetchMock.mock.calls.find(([, i]) => i?.method === 'DELETE');
    expect(String(sent![0])).toBe(`${BASE}/goal-tasks/tdept`);
    expect(JSON.parse(String(sent![1]!.body))).toEqual({ version: 2 });
  });
});
