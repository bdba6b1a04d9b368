import { BUREAU_ROLES, type Role } from '@shared/domain/roles.ts';

/** 结果通报 and 结果运用: the bureau drafts and reads; its leader alone approves (the API decides). */
export const NOTICE_ROLES: readonly Role[] = BUREAU_ROLES;
