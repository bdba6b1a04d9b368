// Runs `work` over the items with at most `limit` in flight: tests that send hundreds of requests to
// the local stack keep DynamoDB Local (its own process) busy while Node waits, without flooding it.
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
