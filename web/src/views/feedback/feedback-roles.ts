import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** Who opens 反馈整改: the senders (bureau, assessor units) and the units that answer. */
export const FEEDBACK_ROLES: readonly Role[] = [...BUREAU_ROLES, 'assessor_staff', 'unit_staff', 'unit_leader'];
