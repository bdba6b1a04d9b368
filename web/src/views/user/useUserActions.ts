// The one-click changes to an account, each after a confirmation: disable, enable, reset the password.
// A refusal (403: not the caller's to manage; 409: changed meanwhile) is shown as the API words it.
import { ElMessage } from 'element-plus';
import { ref, type ShallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/http';
import type { UserView } from '@shared/model/user.ts';
import { disableUserApi, enableUserApi, resetPasswordApi } from '@/api/users';
import { confirmAction } from '@/utils/confirm';
import type { IssuedPassword } from './useUserForms';

export type AccountChange = 'disable' | 'enable' | 'reset';

export function useUserActions(regionId: () => string, issued: ShallowRef<IssuedPassword | undefined>, reload: () => Promise<void>) {
  const { t } = useI18n();
  /** The username being changed, for the row's loading state. */
  const busy = ref('');

  async function run(change: AccountChange, user: UserView): Promise<boolean> {
    const ok = await confirmAction({
      title: t(`accounts.${change}`),
      message: t(`accounts.${change}Confirm`, { name: user.name, username: user.username }),
      confirmText: t(`accounts.${change}`),
      cancelText: t('action.cancel'),
      testId: `confirm-user-${change}`,
    });
    if (!ok) return false;
    busy.value = user.username;
    try {
      if (change === 'disable') await disableUserApi(regionId(), user.username, user.version);
      else if (change === 'enable') await enableUserApi(regionId(), user.username, user.version);
      else {
        const res = await resetPasswordApi(regionId(), user.username, user.version);
        issued.value = { kind: 'reset', username: res.username, name: res.name, password: res.temporaryPassword };
      }
      if (change !== 'reset') ElMessage.success(t(`accounts.${change}d`, { name: user.name }));
      await reload();
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ElMessage.error(e.message);
      if (e.status === 409) await reload();
      return false;
    } finally {
      busy.value = '';
    }
  }

  return { busy, run };
}
