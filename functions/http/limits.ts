// The size of a request body the API takes: the same in AWS (checked by the chain) and on the local
// gateway (checked before a handler runs). The largest real body, a plan sheet, is far below it.
import { t } from '../contracts/lang.ts';

export const MAX_BODY_BYTES = 1_000_000;

export const tooLargeMessage = () => t('请求内容过大（上限 1 MB），请拆分后再提交', 'The request is too large (1 MB at most); split it and send again');
