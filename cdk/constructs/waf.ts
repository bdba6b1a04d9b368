// The site's AWS WAF web ACL: AWS's managed common rule set and known-bad-inputs rules, and a
// rate-based rule per client address (functions/http/limits.ts, WAF_RATE_RULE). A web ACL for
// CloudFront has the CLOUDFRONT scope and must be created in us-east-1, so it gets a stack of its own
// there; the site's stack reads its ARN through CDK's cross-region references.
//
// What it cannot cover: an HTTP API takes no web ACL (only REST APIs, ALBs, CloudFront and a few
// others do), and the portal calls the API directly, so the API's limits are its route throttling.
// China: AWS WAF is regional only there (no CLOUDFRONT scope), so no web ACL (cdk/config.ts refuses it).
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { WAF_RATE_RULE } from '../../functions/http/limits.ts';

/** The managed rule groups the ACL runs, in order. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

export class EdgeWafStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & { env: { account: string } }) {
    super(scope, id, { ...props, env: { account: props.env.account, region: 'us-east-1' } });
    const acl = new CfnWebACL(this, 'SiteWebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Site distribution: AWS managed common and known-bad-input rules, rate limit per client address',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('jixiao-site'),
      rules: [
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
          name,
          priority: i,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
        {
          name: 'RatePerClientAddress',
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: { limit: WAF_RATE_RULE.limit, evaluationWindowSec: WAF_RATE_RULE.windowSeconds, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('RatePerClientAddress'),
        },
      ],
    });
    this.webAclArn = acl.attrArn;
  }
}
