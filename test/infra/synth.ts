// Synthesizes the real CDK app (cdk/app.ts, with cdk.json's context and the cdk-nag plugin) for one target.
// Each test file calls this once per target in beforeAll and shares the result.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../cdk/app.ts';
import type { Target } from '../../cdk/config.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));

export interface Synth {
  target: Target;
  template: Template;
  /** The template as raw JSON text. */
  text: string;
  /** The app's other stacks (the site's web ACL in us-east-1), by template file name. */
  others: Record<string, Template>;
  outdir: string;
  seconds: number;
  /** Thrown by app.synth() when cdk-nag (or another validation) found unacknowledged errors. */
  validationError?: Error;
  /** `<outdir>/validation-report.json`, when written. */
  report?: { pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string; severity: string; violatingConstructs: Array<{ constructPath: string }> }> }> };
  /** Every `Validations.of(x).acknowledge()` in the app: rule id → construct paths. */
  acknowledged: Map<string, string[]>;
}

function collectAcknowledged(root: IConstruct): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of root.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      // Recorded as { [qualified id]: reason }.
      for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
        if (!reason?.trim()) throw new Error(`acknowledgement ${id} at ${c.node.path} has no reason`);
        out.set(id, [...(out.get(id) ?? []), c.node.path]);
      }
    }
  }
  return out;
}

export function synth(target: Target, extraContext: Record<string, unknown> = {}): Synth {
  const outdir = mkdtempSync(join(tmpdir(), `cdk-${target}-`));
  const started = performance.now();
  const app = new App({ outdir, context: { ...cdkJson.context, ...extraContext, target } });
  const { stack } = buildApp(app);
  let validationError: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    // Validation failures still leave the templates and the report in outdir; anything else is a real error.
    if (!String(e).includes('ValidationFailed') && !String(e).includes('Validation failed')) throw e;
    validationError = e as Error;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`synth target=${target}: ${seconds.toFixed(1)} s`);
  const text = readFileSync(join(outdir, stack.templateFile), 'utf8');
  const reportFile = join(outdir, 'validation-report.json');
  return {
    target,
    template: Template.fromJSON(JSON.parse(text)),
    text,
    others: Object.fromEntries(
      readdirSync(outdir)
        .filter((f) => f.endsWith('.template.json') && f !== stack.templateFile)
        .map((f) => [f, Template.fromJSON(JSON.parse(readFileSync(join(outdir, f), 'utf8')))]),
    ),
    outdir,
    seconds,
    validationError,
    report: existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined,
    acknowledged: collectAcknowledged(app),
  };
}
