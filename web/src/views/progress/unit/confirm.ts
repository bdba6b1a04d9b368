// The confirmation and the reason prompt of the progress pages (the shared confirm box, and Element
// Plus's prompt with a required reason).
import { ElMessageBox } from 'element-plus';
import { nextTick } from 'vue';
export { confirmAction } from '@/utils/confirm';

/** A reason typed by the user, or undefined when cancelled. */
export async function promptReason(title: string, label: string): Promise<string | undefined> {
  const box = ElMessageBox.prompt(label, title, {
    inputType: 'textarea',
    inputValidator: (v: string) => (v ?? '').trim().length > 0,
    inputErrorMessage: label,
    confirmButtonClass: 'jx-confirm-progress-return',
    closeOnClickModal: false,
  });
  await nextTick();
  document.querySelector('.jx-confirm-progress-return')?.setAttribute('data-testid', 'progress-return-confirm');
  return box.then(
    ({ value }) => value.trim(),
    () => undefined,
  );
}
