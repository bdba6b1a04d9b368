// `npm run bench`: cold-start import time of the largest API Lambda bundle, as a ratio to a tiny
// handler that only sets up a DynamoDB DocumentClient GetItem, both bundled as CDK bundles them
// (cdk/constructs/app-function.ts) and imported in a fresh process per sample, measured in the
// same run (absolute times on a shared machine mean little). No assertions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { REPO_ROOT, repoPath } from '../../cdk/constructs/paths.ts';
import { GROUPS } from '../../functions/http/routes.ts';

const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 20);

// The bundling options of AppFunction (NodejsFunction on Node 24): minified ESM, AWS SDK bundled.
const bundling: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
  logLevel: 'error',
};

const BASELINE_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event) => doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.pk, sk: event.sk } }));
`;

const out = mkdtempSync(join(tmpdir(), 'jixiao-cold-'));
try {
  const bundle = async (name: string, input: Pick<BuildOptions, 'entryPoints' | 'stdin'>) => {
    const file = join(out, name, 'index.mjs');
    await build({ ...bundling, ...input, outfile: file });
    return { name, file, bytes: statSync(file).size };
  };
  const groups = await Promise.all(GROUPS.map((g) => bundle(g, { entryPoints: [repoPath(`functions/handlers/api/${g}.ts`)] })));
  const largest = groups.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const baseline = await bundle('baseline', { stdin: { contents: BASELINE_SOURCE, resolveDir: REPO_ROOT, loader: 'js' } });

  // What the functions read from their environment (dummy values: nothing is called at import);
  // NODE_OPTIONS as CDK sets it, so a large source map costs what it costs in Lambda.
  const env = {
    PATH: process.env.PATH,
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'ap-east-1',
    TABLE_NAME: 'bench',
    STATE_MACHINE_ARN: 'arn:aws:states:ap-east-1:000000000000:stateMachine:bench',
    USERNAME_CLAIM: 'sub',
    IDENTITY_MODE: 'cognito',
    USER_POOL_ID: 'ap-east-1_bench',
  };
  // The child times only its import: node's own start-up is the same for both and only adds noise.
  const probe = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';
  const importMs = (file: string, extra: Record<string, string>) =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(file).href], { env: { ...env, ...extra }, encoding: 'utf8' }));

  // The largest bundle twice: with X-Ray tracing off (China, where Lambda has none) and on (global),
  // since the tracer is loaded only where it traces (functions/observability/tracer.ts).
  const inLambda = { AWS_LAMBDA_FUNCTION_NAME: 'bench' };
  const variants = [
    { name: 'baseline', label: 'baseline: DocumentClient + GetItem only', b: baseline, extra: inLambda },
    { name: 'off', label: `largest API handler: ${largest.name}, tracing off (cn)`, b: largest, extra: { ...inLambda, POWERTOOLS_TRACE_ENABLED: 'false' } },
    { name: 'on', label: `largest API handler: ${largest.name}, X-Ray tracing on (global)`, b: largest, extra: { ...inLambda, POWERTOOLS_TRACE_ENABLED: 'true' } },
  ];
  // One discarded round warms the file cache; then the variants alternate so noise hits all alike.
  const times: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 0; round <= ROUNDS; round++) {
    for (const v of variants) {
      const ms = importMs(v.b.file, v.extra);
      if (round > 0) times[v.name]!.push(ms);
    }
  }
  const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  const stat = (name: string) => ({ p50: at(times[name]!, 0.5), p90: at(times[name]!, 0.9) });
  const base = stat('baseline');
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

  console.log(`\nbench: cold-start import of a Lambda bundle, fresh node process each, ${ROUNDS} rounds alternating, Node ${process.version}`);
  console.log(`API bundle sizes: ${groups.map((g) => `${g.name} ${kb(g.bytes)}`).join(', ')}`);
  console.log('| bundle | size | p50 ms | p90 ms | p50 ratio | p90 ratio |\n|---|---|---|---|---|---|');
  for (const v of variants) {
    const s = stat(v.name);
    console.log(`| ${v.label} | ${kb(v.b.bytes)} | ${s.p50.toFixed(1)} | ${s.p90.toFixed(1)} | ${(s.p50 / base.p50).toFixed(2)} | ${(s.p90 / base.p90).toFixed(2)} |`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
