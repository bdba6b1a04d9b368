// A confirmation box whose confirm button carries a stable data-testid.
import { ElMessageBox } from 'element-plus';
import { nextTick, type VNode } from 'vue';

export interface ConfirmOptions {
  title: string;
  /** Text, or a rendered message (a list, say). */
  message: string | VNode;
  confirmText: string;
  cancelText: string;
  testId: string;
}

/** Resolves true when confirmed, false when cancelled or closed. */
export async function confirmAction(o: ConfirmOptions): Promise<boolean> {
  const className = `jx-confirm-${o.testId}`;
  const box = ElMessageBox.confirm(o.message, o.title, {
    type: 'warning',
    confirmButtonText: o.confirmText,
    cancelButtonText: o.cancelText,
    confirmButtonClass: className,
    closeOnClickModal: false,
  });
  await nextTick();
  document.querySelector(`.${className}`)?.setAttribute('data-testid', o.testId);
  return box.then(
    () => true,
    () => false,
  );
}
