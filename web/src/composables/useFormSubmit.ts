// How every form sends: a saving flag, and a refused request shown as its message plus field errors.
import { ElMessage } from 'element-plus';
import { ref, type Ref } from 'vue';
import { ApiError } from '@/api/http';

export function useFormSubmit(errors: Ref<Record<string, string>>) {
  const saving = ref(false);

  /** True when `send` went through; on a refusal the errors are shown and `onRefused` may reload. */
  async function submit(send: () => Promise<void>, onRefused?: (e: ApiError) => Promise<void>): Promise<boolean> {
    saving.value = true;
    try {
      await send();
      return true;
    } catch (e) {
      if (e instanceof ApiError) {
        errors.value = e.fieldErrors();
        ElMessage.error(e.message);
        await onRefused?.(e);
      }
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { saving, submit };
}
