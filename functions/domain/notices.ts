// Texts of the notices the cycle sends (站内消息).
import { STAGE_NAMES, type StageCode } from './stages.ts';

export interface StageRef {
  cycleName: string;
  code: StageCode;
  deadline: string;
}

/** `units`: the units recorded as missing the deadline (stage duties), named for the bureau. */
export function overdueNotice(s: StageRef & { units?: readonly string[] }) {
  const missed = s.units?.length ? `未按期完成的单位（${s.units.length} 个）：${s.units.join('、')}。` : '';
  return {
    kind: 'stage.overdue',
    title: `【超期】${s.cycleName}「${STAGE_NAMES[s.code]}」阶段已过截止日期${s.units?.length ? `，${s.units.length} 个单位未完成` : ''}`,
    body: `「${STAGE_NAMES[s.code]}」阶段的截止日期 ${s.deadline} 已过，该阶段仍未推进。${missed}请尽快处理或办理延期。`,
  };
}

export function reminderNotice(s: StageRef) {
  return {
    kind: 'stage.reminder',
    title: `【提醒】${s.cycleName}「${STAGE_NAMES[s.code]}」阶段即将截止`,
    body: `「${STAGE_NAMES[s.code]}」阶段将于 ${s.deadline} 24:00 截止，请及时完成相关工作。`,
  };
}
