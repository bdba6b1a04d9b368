// The one metrics instance (Powertools, CloudWatch embedded metric format): per-route metrics that
// observe() records and flushes at the end of each invocation, and business events. On the local
// stack nothing is printed as metrics: the same figures go to the logger at DEBUG.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { env } from '../config/env.ts';
import { logger } from './logger.ts';
import { METRICS_NAMESPACE, ROUTE_METRICS, SERVICE_NAME, type BusinessEvent } from './names.ts';

class AppMetrics extends Metrics {
  // Decided on every flush (not when the module loads), like the logger's line format.
  override publishStoredMetrics(): this {
    if (!env.localStack) return super.publishStoredMetrics();
    if (this.hasStoredMetrics()) {
      const { _aws, ...figures } = this.serializeMetrics();
      logger.debug('metrics', figures);
    }
    this.clearMetrics();
    this.clearDimensions();
    this.clearMetadata();
    return this;
  }
}

export const metrics: Metrics = new AppMetrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
  logger,
});

/** One invocation of `route`, flushed with the invocation's other stored metrics (observe() does both). */
export function recordInvocation(route: string, outcome: { failed: boolean; ms: number }): void {
  metrics.addDimension('route', route);
  metrics.addMetric(ROUTE_METRICS.requests, MetricUnit.Count, 1);
  metrics.addMetric(ROUTE_METRICS.errors, MetricUnit.Count, outcome.failed ? 1 : 0);
  metrics.addMetric(ROUTE_METRICS.latency, MetricUnit.Milliseconds, outcome.ms);
}

/**
 * Counts a business event now, in its own record with the `service` dimension and `dimensions`
 * (keep their values few: each distinct combination is a metric of its own).
 */
export function businessEvent(name: BusinessEvent, count = 1, dimensions: Record<string, string> = {}): void {
  if (env.localStack) {
    logger.debug('business event', { event: name, count, ...dimensions });
    return;
  }
  const single = metrics.singleMetric();
  for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
  single.addMetric(name, MetricUnit.Count, count);
}
