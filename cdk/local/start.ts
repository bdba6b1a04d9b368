// `npm start`: the local platform with demo data, until Ctrl-C.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, users } from './demo-data.ts';
import { buildSiteIfStale } from './site-build.ts';
import { ROOT, startLocalStack } from './stack.ts';
import { ROLE_NAMES } from '../../functions/domain/roles.ts';
import { LIMITS } from '../../functions/http/limits.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5280' },
    memory: { type: 'boolean', default: false },
    data: { type: 'string', default: join(process.cwd(), '.local') },
  },
});

const started = performance.now();
const log = (line: string) => console.log(`  · ${line}`);
await buildSiteIfStale(ROOT, log);
const stack = await startLocalStack({
  port: Number(values.port),
  dataDir: values.memory ? undefined : resolve(values.data),
  // The request limits of the deployed API (functions/http/limits.ts): over them, 429 with Retry-After.
  limits: LIMITS,
  log,
});

console.log(`\n绩效管理平台（本地）已启动 / local platform ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`  门户 Portal:        ${stack.url}/`);
console.log(`  公开信息 Public:    ${stack.url}/#/public`);
console.log(`  数据 Data:          ${values.memory ? '内存 in memory' : resolve(values.data)}`);
console.log(`\n演示账号 Demo accounts (密码 password: ${DEMO_PASSWORD})`);
for (const u of users) console.log(`  ${u.username.padEnd(16)} ${ROLE_NAMES[u.role]}  ${u.name}`);
console.log('\n按 Ctrl-C 停止 / Ctrl-C to stop');

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\n正在停止… stopping');
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
