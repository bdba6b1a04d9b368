// A region's accounts as spreadsheet rows: 用户名, 姓名, 角色, 所属单位, in Chinese as a 绩效办 keeps its
// list. Shared by the portal (template, export, preview) and the API (import), so both read and write
// the same layout.
import { t } from '../contracts/lang.ts';
import type { UserInput, UserRowEntry } from '../model/user.ts';
import { openingRefusal, placementProblems, USERNAME_PATTERN, usernameRule } from './accounts.ts';
import { isActive, normaliseName, type UnitFacts } from './organisation.ts';
import type { RowError } from './plan-rows.ts';
import { ROLE_NAMES, ROLES, type Caller, type Role } from './roles.ts';

export const USER_COLUMNS = { username: '用户名', name: '姓名', role: '角色', unit: '所属单位' } as const;
export type UserColumnKey = keyof typeof USER_COLUMNS;
const KEYS = Object.keys(USER_COLUMNS) as UserColumnKey[];

/** Columns only an export carries; an import ignores them. */
export const USER_EXPORT_ONLY = { status: '状态' } as const;

const HEADER_ALIASES: Record<UserColumnKey, string[]> = {
  username: ['用户名', '账号', '登录名'],
  name: ['姓名', '用户姓名'],
  role: ['角色', '用户角色'],
  unit: ['所属单位', '单位', '单位名称'],
};

/** At most this many accounts per import: they go in one DynamoDB transaction (100 items, with audit). */
export const MAX_IMPORT_USERS = 90;
export const NAME_MAX = 20;

export type { UserInput, UserRowEntry };

export interface UserRowsResult {
  headerRow: number;
  entries: UserRowEntry[];
  errors: RowError[];
  users: UserInput[];
}

type UnitRef = UnitFacts & { shortName?: string; assessor?: boolean };

const squash = (s: string) => s.replace(/\s+/g, '').replace(/[*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** The role a cell names: its Chinese name or its code. */
export function parseRole(text: string): Role | undefined {
  const t = squash(text);
  return ROLES.find((r) => r === t.toLowerCase() || squash(ROLE_NAMES[r]) === t);
}

/** The active unit a cell names: full name, short name or id. */
function findUnit(text: string, units: readonly UnitRef[]): UnitRef | undefined {
  const t = normaliseName(text);
  const active = units.filter(isActive);
  return active.find((u) => u.name === t) ?? active.find((u) => u.shortName === t) ?? active.find((u) => u.unitId === t);
}

function columnsOf(header: readonly string[]): Record<UserColumnKey, number> {
  const texts = header.map((c) => squash(String(c ?? '')));
  return Object.fromEntries(KEYS.map((k) => [k, texts.findIndex((t) => HEADER_ALIASES[k].includes(t))])) as Record<UserColumnKey, number>;
}

/**
 * Sheet rows (row 1 first) to accounts to open, each bad cell reported with its row and column.
 * `taken` holds usernames already in use anywhere (usernames are unique across regions); `manager`
 * is who imports: a row they may not manage is refused like any other bad cell.
 */
export function parseUserRows(rows: readonly (readonly string[])[], units: readonly UnitRef[], taken: ReadonlySet<string>, manager: Caller): UserRowsResult {
  const headerAt = rows.findIndex((r) => {
    const col = columnsOf(r);
    return col.username >= 0 && col.role >= 0;
  });
  if (headerAt < 0) return { headerRow: 0, entries: [], users: [], errors: [{ row: 1, column: USER_COLUMNS.username, message: t('找不到表头行（应有「用户名」「姓名」「角色」「所属单位」列）', 'No header row found (it needs the columns 用户名, 姓名, 角色 and 所属单位)') }] };
  const col = columnsOf(rows[headerAt]!);
  const headerRow = headerAt + 1;
  const entries: UserRowEntry[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => !String(c ?? '').trim())) continue;
    const cell = (k: UserColumnKey) => (col[k] < 0 ? '' : String(cells[col[k]] ?? '').trim());
    entries.push({ row: i + 1, cells: Object.fromEntries(KEYS.map((k) => [k, cell(k)])) as Record<UserColumnKey, string> });
  }
  if (!entries.length) return { headerRow, entries, users: [], errors: [{ row: headerRow, column: USER_COLUMNS.username, message: t('表格没有数据行', 'The sheet has no data rows') }] };
  if (entries.length > MAX_IMPORT_USERS) {
    const message = t(
      `每次最多导入 ${MAX_IMPORT_USERS} 个账号，本表有 ${entries.length} 个，请分批导入`,
      `At most ${MAX_IMPORT_USERS} accounts can be imported at a time; this sheet has ${entries.length}. Import them in batches`,
    );
    return { headerRow, entries, users: [], errors: [{ row: headerRow, column: USER_COLUMNS.username, message }] };
  }

  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const { row, cells } = entry;
    const before = errors.length;
    const fail = (k: UserColumnKey, message: string) => errors.push({ row, column: USER_COLUMNS[k], message });

    const username = cells.username.toLowerCase();
    if (!username) fail('username', t('请填写用户名', 'Fill in the username'));
    else if (!USERNAME_PATTERN.test(username)) fail('username', t(`「${cells.username}」不符合规则：${usernameRule()}`, `“${cells.username}” breaks the rule: ${usernameRule()}`));
    else if (seen.has(username)) fail('username', t(`与第 ${seen.get(username)} 行重复`, `Same as row ${seen.get(username)}`));
    else if (taken.has(username)) fail('username', t(`用户名「${username}」已被使用`, `The username “${username}” is taken`));
    if (username && !seen.has(username)) seen.set(username, row);

    const name = normaliseName(cells.name);
    if (!name) fail('name', t('请填写姓名', 'Fill in the name'));
    else if (name.length > NAME_MAX) fail('name', t(`不能超过 ${NAME_MAX} 个字`, `At most ${NAME_MAX} characters`));

    const role = parseRole(cells.role);
    if (!cells.role) fail('role', t(`请填写角色（${ROLES.map((r) => ROLE_NAMES[r]).join('、')}）`, `Fill in the role (${ROLES.map((r) => ROLE_NAMES[r]).join(', ')})`));
    else if (!role) fail('role', t(`未知的角色「${cells.role}」，应为${ROLES.map((r) => ROLE_NAMES[r]).join('、')}之一`, `Unknown role “${cells.role}”; it should be one of ${ROLES.map((r) => ROLE_NAMES[r]).join(', ')}`));

    const unit = cells.unit ? findUnit(cells.unit, units) : undefined;
    if (!cells.unit) fail('unit', t('请填写所属单位', 'Fill in the unit'));
    else if (!unit) fail('unit', t(`本区域没有在用的单位「${cells.unit}」`, `No unit in use in this region is called “${cells.unit}”`));

    if (role && unit) {
      for (const p of placementProblems(role, unit.unitId, units)) fail('unit', p.message);
      const refusal = openingRefusal(manager, { username, role, regionId: manager.regionId, unitId: unit.unitId });
      if (refusal) fail('role', refusal);
    }
    if (errors.length > before) continue;
    entry.user = { username, name, role: role!, unitId: unit!.unitId };
  }
  return { headerRow, entries, errors, users: errors.length ? [] : entries.map((e) => e.user!) };
}

export interface UserRowSource {
  username: string;
  name: string;
  role: Role;
  unitId: string;
  status?: 'active' | 'disabled';
}

export const userHeader = (): string[] => KEYS.map((k) => USER_COLUMNS[k]);

/** Accounts as export rows, header first: the import columns plus 状态. Units are named, not coded. */
export function usersToRows(users: readonly UserRowSource[], units: readonly UnitFacts[]): string[][] {
  const unitName = new Map(units.map((u) => [u.unitId, u.name]));
  return [
    [...userHeader(), USER_EXPORT_ONLY.status],
    ...users.map((u) => [u.username, u.name, ROLE_NAMES[u.role], unitName.get(u.unitId) ?? u.unitId, u.status === 'disabled' ? '已停用' : '在用']),
  ];
}

/** A small filled-in example for the downloadable template. */
export function userTemplateRows(): string[][] {
  return [userHeader(), ['zhangsan', '张三', '责任单位填报员', '某某区'], ['lisi', '李四', '考评单位工作人员', '某某市统计局']];
}
