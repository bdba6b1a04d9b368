// The demo regions: 玉林市 with its bureau, seven county-level areas and city departments, and
// 北流市 with its own bureau, towns/streets and departments (to show that regions are isolated).
// Names follow shared/notes/demo-data.md; the bureau names are inferred from the Guangxi pattern.
import type { UnitType } from '../../functions/domain/organisation.ts';
import type { Region } from '../../functions/model/region.ts';
import type { StoredUnit as Unit } from '../../functions/model/unit.ts';
import type { Role } from '../../functions/domain/roles.ts';

export const DEMO_PASSWORD = 'Jixiao@2025';

export const YULIN = '450900';
export const BEILIU = '450981';

export const regions: Region[] = [
  { regionId: YULIN, name: '玉林市', bureauUnitId: 'yl-jxb' },
  { regionId: BEILIU, name: '北流市', parentId: YULIN, bureauUnitId: 'bl-jxb' },
];

type UnitRow = [unitId: string, name: string, type: UnitType, category?: string, assessorField?: string];

const yulinUnits: UnitRow[] = [
  ['yl-jxb', '玉林市绩效考评领导小组办公室（市绩效办）', 'bureau'],
  ['yl-yuzhou', '玉州区', 'county', '县（市、区）'],
  ['yl-fumian', '福绵区', 'county', '县（市、区）'],
  ['yl-beiliu', '北流市', 'county', '县（市、区）'],
  ['yl-rongxian', '容县', 'county', '县（市、区）'],
  ['yl-luchuan', '陆川县', 'county', '县（市、区）'],
  ['yl-bobai', '博白县', 'county', '县（市、区）'],
  ['yl-xingye', '兴业县', 'county', '县（市、区）'],
  ['yl-swbgs', '中共玉林市委办公室', 'department', '市直党群部门'],
  ['yl-zzb', '中共玉林市委组织部', 'department', '市直党群部门', '党的建设'],
  ['yl-xcb', '中共玉林市委宣传部', 'department', '市直党群部门'],
  ['yl-tzb', '中共玉林市委统战部', 'department', '市直党群部门'],
  ['yl-zfw', '中共玉林市委政法委员会', 'department', '市直党群部门', '平安建设'],
  ['yl-zgh', '玉林市总工会', 'department', '市直党群部门'],
  ['yl-zfb', '玉林市人民政府办公室', 'department', '市直政府部门', '督查督办'],
  ['yl-fgw', '玉林市发展和改革委员会', 'department', '市直政府部门', '发展改革'],
  ['yl-jyj', '玉林市教育局', 'department', '市直政府部门'],
  ['yl-gxj', '玉林市工业和信息化局', 'department', '市直政府部门'],
  ['yl-gaj', '玉林市公安局', 'department', '市直政府部门'],
  ['yl-czj', '玉林市财政局', 'department', '市直政府部门', '财政'],
  ['yl-rsj', '玉林市人力资源和社会保障局', 'department', '市直政府部门', '人力资源和社会保障'],
  ['yl-zrzyj', '玉林市自然资源局', 'department', '市直政府部门'],
  ['yl-sthjj', '玉林市生态环境局', 'department', '市直政府部门', '生态环境'],
  ['yl-zjj', '玉林市住房和城乡建设局', 'department', '市直政府部门'],
  ['yl-jtysj', '玉林市交通运输局', 'department', '市直政府部门'],
  ['yl-slj', '玉林市水利局', 'department', '市直政府部门'],
  ['yl-nyncj', '玉林市农业农村局', 'department', '市直政府部门'],
  ['yl-wjw', '玉林市卫生健康委员会', 'department', '市直政府部门'],
  ['yl-scjgj', '玉林市市场监督管理局', 'department', '市直政府部门'],
  ['yl-tjj', '玉林市统计局', 'department', '市直政府部门', '统计'],
  ['yl-swj', '国家税务总局玉林市税务局', 'department', '中直区直驻市单位'],
  ['yl-qxj', '玉林市气象局', 'department', '中直区直驻市单位'],
  ['yl-ycj', '玉林市烟草专卖局', 'department', '中直区直驻市单位'],
  ['yl-gdj', '广西电网玉林供电局', 'department', '中直区直驻市单位'],
  ['yl-sqmy', '广西壮族自治区统计局社情民意调查中心', 'third_party'],
];

const beiliuUnits: UnitRow[] = [
  ['bl-jxb', '北流市绩效考评领导小组办公室（北流市绩效办）', 'bureau'],
  ['bl-lingcheng', '陵城街道', 'town', '镇（街道）'],
  ['bl-chengnan', '城南街道', 'town', '镇（街道）'],
  ['bl-chengbei', '城北街道', 'town', '镇（街道）'],
  ['bl-xilang', '西埌镇', 'town', '镇（街道）'],
  ['bl-minle', '民乐镇', 'town', '镇（街道）'],
  ['bl-liujing', '六靖镇', 'town', '镇（街道）'],
  ['bl-shiwo', '石窝镇', 'town', '镇（街道）'],
  ['bl-qingshuikou', '清水口镇', 'town', '镇（街道）'],
  ['bl-fgj', '北流市发展和改革局', 'department', '市直部门', '发展改革'],
  ['bl-czj', '北流市财政局', 'department', '市直部门', '财政'],
  ['bl-jyj', '北流市教育局', 'department', '市直部门'],
  ['bl-wjj', '北流市卫生健康局', 'department', '市直部门'],
  ['bl-tjj', '北流市统计局', 'department', '市直部门', '统计'],
];

const toUnit = (regionId: string) => ([unitId, name, type, category, assessorField]: UnitRow): Unit => ({
  regionId,
  unitId,
  name,
  type,
  ...(category ? { category } : {}),
  ...(assessorField ? { assessor: true, assessorField } : {}),
});

export const units: Unit[] = [...yulinUnits.map(toUnit(YULIN)), ...beiliuUnits.map(toUnit(BEILIU))];

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  regionId: string;
  unitId: string;
}

export const users: DemoUser[] = [
  { username: 'yl_leader', name: '李明华', role: 'bureau_leader', regionId: YULIN, unitId: 'yl-jxb' },
  { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: YULIN, unitId: 'yl-jxb' },
  { username: 'yl_tjj', name: '陈志强', role: 'assessor_staff', regionId: YULIN, unitId: 'yl-tjj' },
  { username: 'yl_sthjj', name: '黄丽娟', role: 'assessor_staff', regionId: YULIN, unitId: 'yl-sthjj' },
  { username: 'yuzhou_leader', name: '刘建国', role: 'unit_leader', regionId: YULIN, unitId: 'yl-yuzhou' },
  { username: 'yuzhou_staff', name: '张晓燕', role: 'unit_staff', regionId: YULIN, unitId: 'yl-yuzhou' },
  { username: 'jyj_leader', name: '梁伟', role: 'unit_leader', regionId: YULIN, unitId: 'yl-jyj' },
  { username: 'jyj_staff', name: '韦海燕', role: 'unit_staff', regionId: YULIN, unitId: 'yl-jyj' },
  { username: 'yl_third', name: '覃思远', role: 'third_party', regionId: YULIN, unitId: 'yl-sqmy' },
  // 三权分立 (security.md M5): the three administrators of 玉林市, in its bureau.
  { username: 'yl_sysadmin', name: '韦国栋', role: 'system_admin', regionId: YULIN, unitId: 'yl-jxb' },
  { username: 'yl_secadmin', name: '莫丽萍', role: 'security_admin', regionId: YULIN, unitId: 'yl-jxb' },
  { username: 'yl_auditor', name: '覃永红', role: 'audit_admin', regionId: YULIN, unitId: 'yl-jxb' },
  { username: 'bl_leader', name: '庞振华', role: 'bureau_leader', regionId: BEILIU, unitId: 'bl-jxb' },
  { username: 'bl_staff', name: '钟秀兰', role: 'bureau_staff', regionId: BEILIU, unitId: 'bl-jxb' },
  { username: 'lingcheng_staff', name: '冯俊杰', role: 'unit_staff', regionId: BEILIU, unitId: 'bl-lingcheng' },
  { username: 'bl_sysadmin', name: '邓光明', role: 'system_admin', regionId: BEILIU, unitId: 'bl-jxb' },
  { username: 'bl_secadmin', name: '潘秋菊', role: 'security_admin', regionId: BEILIU, unitId: 'bl-jxb' },
  { username: 'bl_auditor', name: '植文辉', role: 'audit_admin', regionId: BEILIU, unitId: 'bl-jxb' },
];

/** Cycles already under way when the demo starts: [region, year, current stage]. */
export const cycles: [regionId: string, year: number, currentStage: number][] = [
  [YULIN, 2025, 11],
  [YULIN, 2026, 4],
  [BEILIU, 2026, 4],
];
