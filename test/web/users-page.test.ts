import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElMessage } from 'element-plus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseUserRows } from '@shared/domain/user-rows.ts';
import { configureHttp } from '@/api/http';
import type { UserView } from '@shared/model/user.ts';
import { useSessionStore } from '@/stores/session';
import UsersPage from '@/views/user/index.vue';
import PasswordDialog from '@/views/user/PasswordDialog.vue';
import UserImportDialog from '@/views/user/UserImportDialog.vue';
import { plugins } from './setup';
import { accounts, bureauStaff, REGION, unitLeader, units } from './users-fixtures';

vi.mock('@/utils/confirm', () => ({ confirmAction: vi.fn(async () => true) }));

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (id: string) => q(id)?.textContent ?? '';

describe('accounts page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  /** The page as `who` sees it; `answer` handles every call but the two lists. */
  async function mountPage(who: typeof bureauStaff, visible: UserView[], answer: (url: string, init?: RequestInit) => Response | undefined = () => undefined) {
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      const answered = answer(url, init);
      if (answered) return answered;
      if (url.endsWith('/units')) return json(200, { items: units });
      if (url.endsWith('/users')) return json(200, { items: visible });
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    const plugs = plugins();
    useSessionStore().me = { ...who, roleName: '' };
    wrapper = mount(UsersPage, { global: { plugins: plugs }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  const sent = (path: string) => fetchMock.mock.calls.filter(([u, i]) => String(u) === `/api/regions/${REGION}${path}` && i?.method === 'POST').map(([, i]) => JSON.parse(String(i?.body)));

  it('shows a unit leader their unit, lets them open filing staff only there, and hides the sheet import', async () => {
    // Prepare
    const mine = accounts.filter((a) => a.unitId === 'yz');
    await mountPage(unitLeader, mine);

    // Assess: the list, with 最近改密, and no action on the leader's own account
    const table = text('users-table');
    expect(table).toContain('张晓燕');
    expect(table).toContain('玉州区');
    expect(table).toContain('待本人修改');
    expect(table).not.toContain('市教育局');
    expect(text('users-scope')).toContain('「玉州区」责任单位填报员');
    expect(q('user-edit-yuzhou_staff')).not.toBeNull();
    expect(q('user-edit-yuzhou_leader')).toBeNull();
    expect(q('users-import')).toBeNull();
    expect(q('users-template')).toBeNull();

    // Act: open the new-account dialog
    q('users-create')!.click();
    await flushPromises();

    // Assess: one role, the unit fixed to their own
    const role = q('user-form-role')!;
    const unit = q('user-form-unit')!;
    expect(role.textContent).toContain('责任单位填报员');
    expect(role.querySelector('.is-disabled')).not.toBeNull();
    expect(unit.textContent).toContain('玉州区');
    expect(unit.querySelector('.is-disabled')).not.toBeNull();
    expect(text('user-dialog')).toContain('单位负责人只能为本单位开设账号');
  });

  it('opens an account for the bureau and shows its temporary password once', async () => {
    // Prepare
    await mountPage(bureauStaff, accounts, (url, init) =>
      url.endsWith('/users') && init?.method === 'POST'
        ? json(201, { ...accounts[3], username: 'zhou_min', name: '周敏', version: 1, directory: 'local', temporaryPassword: 'Tmp#9xQ2vLp7' })
        : undefined,
    );
    q('users-create')!.click();
    await flushPromises();

    // Act: a bad username is caught before sending
    const input = (id: string) => (q(id)!.tagName === 'INPUT' ? q(id) : q(id)!.querySelector('input')) as HTMLInputElement;
    input('user-form-username').value = '9zhou';
    input('user-form-username').dispatchEvent(new Event('input'));
    input('user-form-name').value = '周敏';
    input('user-form-name').dispatchEvent(new Event('input'));
    q('user-form-save')!.click();
    await flushPromises();
    await new Promise((r) => setTimeout(r, 150)); // form items show their error after a short debounce

    // Assess
    expect(text('user-form')).toContain('小写字母开头');
    expect(text('user-form')).toContain('请选择所属单位');
    expect(sent('/users')).toEqual([]);

    // Act: pick a unit the role suits and save
    const vm = wrapper!.findComponent({ name: 'UserDialog' }).props('draft') as { username: string; unitId: string };
    vm.username = 'Zhou_Min';
    vm.unitId = 'yz';
    await flushPromises();
    q('user-form-save')!.click();
    await flushPromises();

    // Assess: sent as typed (the API lowers it), password shown with the once-only note
    expect(sent('/users')).toEqual([{ username: 'Zhou_Min', name: '周敏', role: 'unit_staff', unitId: 'yz' }]);
    expect(text('user-password-value')).toBe('Tmp#9xQ2vLp7');
    expect(text('user-password-username')).toBe('zhou_min');
    expect(text('user-password-once')).toContain('只显示这一次');
    expect(text('user-password-once')).toContain('首次登录时须修改密码');
  });

  it('disables an account after confirmation and shows the API’s refusal as it words it', async () => {
    // Prepare
    const error = vi.spyOn(ElMessage, 'error');
    let refuse = false;
    await mountPage(bureauStaff, accounts, (url) =>
      url.endsWith('/disable')
        ? refuse
          ? json(403, { error: { code: 'FORBIDDEN', message: '绩效办领导的账号只能由绩效办领导管理' } })
          : json(201, { ...accounts[3], status: 'disabled', version: 2 })
        : undefined,
    );

    // Assess: the bureau leader's account is not the staff's to manage; their own cannot be disabled
    expect(q('user-disable-yl_leader')).toBeNull();
    expect(q('user-disable-yl_staff')?.hasAttribute('disabled')).toBe(true);
    expect(q('user-enable-jyj_staff')).not.toBeNull();

    // Act
    q('user-disable-yuzhou_staff')!.click();
    await flushPromises();

    // Assess: sent with the version read, and the list read again
    expect(sent('/users/yuzhou_staff/disable')).toEqual([{ version: 1 }]);
    expect(fetchMock.mock.calls.filter(([u]) => String(u).endsWith('/users')).length).toBe(2);

    // Act: the API refuses
    refuse = true;
    q('user-disable-yuzhou_staff')!.click();
    await flushPromises();

    // Assess
    expect(error).toHaveBeenCalledWith('绩效办领导的账号只能由绩效办领导管理');
  });

  it('resets a password and shows the new one', async () => {
    // Prepare
    await mountPage(bureauStaff, accounts, (url) => (url.endsWith('/reset-password') ? json(201, { ...accounts[5], version: 2, temporaryPassword: 'New#Pass1234' }) : undefined));

    // Act
    q('user-reset-yl_tjj')!.click();
    await flushPromises();

    // Assess
    expect(sent('/users/yl_tjj/reset-password')).toEqual([{ version: 1 }]);
    expect(text('user-password-lead')).toContain('已重置「陈志强」的密码');
    expect(text('user-password-value')).toBe('New#Pass1234');
  });
});

describe('one-time password dialog', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('says where to open the account when the identity platform is external, without a password', async () => {
    // Act
    const wrapper = mount(PasswordDialog, {
      props: { issued: { kind: 'create', username: 'zhou_min', name: '周敏', directory: 'external' } },
      global: { plugins: plugins() },
      attachTo: document.body,
    });
    await flushPromises();

    // Assess
    expect(text('user-password-external')).toContain('统一身份认证平台以相同的用户名「zhou_min」开通');
    expect(q('user-password-value')).toBeNull();

    // Act: closing asks the page to forget it
    q('user-password-close')!.click();
    await flushPromises();
    expect(wrapper.emitted('closed')).toHaveLength(1);
    wrapper.unmount();
  });

  it('copies the password', async () => {
    // Prepare
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const wrapper = mount(PasswordDialog, {
      props: { issued: { kind: 'reset', username: 'a_b', name: '甲', password: 'Abc#12345678' } },
      global: { plugins: plugins() },
      attachTo: document.body,
    });
    await flushPromises();

    // Act
    q('user-password-copy')!.click();
    await flushPromises();

    // Assess
    expect(writeText).toHaveBeenCalledWith('Abc#12345678');
    vi.unstubAllGlobals();
    wrapper.unmount();
  });
});

describe('account import dialog', () => {
  afterEach(() => (document.body.innerHTML = ''));
  const header = ['用户名', '姓名', '角色', '所属单位'];

  it('marks each bad cell, allows no confirmation while anything is wrong, then offers the passwords once', async () => {
    // Prepare
    const rows = [header, ['import_a', '甲', '责任单位填报员', '玉州区'], ['import_b', '乙', '管理员', '无此单位']];
    const { entries, errors } = parseUserRows(rows, units, new Set(), bureauStaff);

    // Act
    const wrapper = mount(UserImportDialog, {
      props: { modelValue: true, fileName: '账号.xlsx', entries, errors, importing: false, passwordsSaved: false },
      global: { plugins: plugins() },
      attachTo: document.body,
    });
    await flushPromises();

    // Assess
    expect(text('user-import-summary')).toContain('表格有 2 处错误（涉及 1 行），未开设任何账号');
    expect(text('user-import-bad-3-role')).toContain('未知的角色「管理员」');
    expect(text('user-import-bad-3-unit')).toContain('本区域没有在用的单位「无此单位」');
    expect(q('user-import-bad-2-role')).toBeNull();
    expect(q('user-import-confirm')?.hasAttribute('disabled')).toBe(true);
    q('user-import-download-errors')!.click();
    expect(wrapper.emitted('downloadErrors')).toHaveLength(1);

    // Act: a clean sheet
    await wrapper.setProps({ entries: parseUserRows(rows.slice(0, 2), units, new Set(), bureauStaff).entries, errors: [] });

    // Assess
    expect(text('user-import-summary')).toContain('共 1 个账号，检查无误');
    q('user-import-confirm')!.click();
    expect(wrapper.emitted('confirm')).toHaveLength(1);

    // Act: imported
    const result = { count: 1, directory: 'local' as const, items: [], temporaryPasswords: [{ username: 'import_a', password: 'Abc#12345678' }] };
    await wrapper.setProps({ result });

    // Assess: the passwords can be downloaded once
    expect(text('user-import-done')).toContain('已开设 1 个账号');
    expect(text('user-import-passwords-once')).toContain('只能下载这一次');
    q('user-import-download-passwords')!.click();
    expect(wrapper.emitted('downloadPasswords')).toHaveLength(1);
    await wrapper.setProps({ passwordsSaved: true });
    expect(q('user-import-download-passwords')?.hasAttribute('disabled')).toBe(true);
    expect(text('user-import-passwords-saved')).toContain('页面不再保留这些密码');
    wrapper.unmount();
  });
});
