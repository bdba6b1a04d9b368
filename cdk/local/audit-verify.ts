// `npm run audit:verify -- --region 450900 [--from 2026-12-01] [--to 2026-12-31]`: checks the audit
// log's hash chains of a region (functions/data/audit.ts) and names every broken link, earliest first.
// Exit 0: intact; 1: broken links found; 2: wrong arguments.
//
// Which table: with TABLE_NAME set, that table (DYNAMODB_ENDPOINT for a local one, otherwise AWS with
// the usual credentials and AWS_REGION); without it, the local stack's data (`--data`, default .local/)
// opened in a DynamoDB Local of its own.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate, beijingDate } from '../../functions/domain/dates.ts';
import { beijingTime } from '../../functions/domain/audit-chain.ts';
import { setLanguageSource } from '../../functions/contracts/lang.ts';
import { TABLE_NAME } from './stack.ts';

const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    data: { type: 'string', default: '.local' },
    lang: { type: 'string', default: 'zh' },
    json: { type: 'boolean', default: false },
  },
});

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run audit:verify -- --region 450900 [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--data .local] [--lang en] [--json]`);
  process.exit(2);
}

if (!values.region || !/^\d{6}$/.test(values.region)) usage('--region takes a 6-digit region code');
const today = beijingDate(Date.now());
const to = values.to ?? today;
const from = values.from ?? `${to.slice(0, 8)}01`;
if (!isIsoDate(from) || !isIsoDate(to) || from > to) usage('--from and --to are dates YYYY-MM-DD, from not after to');
setLanguageSource(() => (values.lang === 'en' ? 'en' : 'zh'));

let stop = async () => {};
if (!process.env.TABLE_NAME) {
  const dataDir = resolve(values.data, 'dynamodb');
  if (!existsSync(dataDir)) usage(`no local data at ${dataDir}: run the platform once (npm start), or set TABLE_NAME for another table`);
  const { startDynamoLocal } = await import('./dynamodb-local.ts');
  const dynamo = await startDynamoLocal({ dataDir });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = TABLE_NAME;
  stop = dynamo.stop;
}

try {
  // Imported only now: the data layer reads its table from the environment.
  const { verifyAudit } = await import('../../functions/data/audit.ts');
  const report = await verifyAudit(values.region, from, to);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`audit ${report.regionId} ${report.from} … ${report.to} (table ${process.env.TABLE_NAME}): ${report.checked} entries in ${report.chains} chains checked, ${report.unchained} written before the chain`);
    if (!report.breaks.length) console.log('intact: no entry altered, rewritten or removed');
    for (const [i, b] of report.breaks.entries()) {
      console.log(`${i === 0 ? 'FIRST BROKEN LINK' : 'broken link'}  ${beijingTime(b.at)}  ${b.kind}  entry ${b.entryId || '?'}  chain ${b.chain}${b.seq ? ` #${b.seq}` : ''}\n    ${b.message}`);
    }
  }
  process.exitCode = report.breaks.length ? 1 : 0;
} catch (e) {
  if ((e as Error).name !== 'ResourceNotFoundException') throw e;
  console.error(`no table ${process.env.TABLE_NAME} there`);
  process.exitCode = 2;
} finally {
  await stop();
}
