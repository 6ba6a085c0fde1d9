import { soak } from '../../bench/soak';

/** The soak of `npm run soak` (200 users, 10 minutes) in a small form: 20 users, 10 seconds, 5-second TTLs. */
describe('a short soak: two instances on one Redis', () => {
  it('answers every turn, keeps its heap, and Redis empties again once the TTLs pass', async () => {
    const result = await soak({ users: 20, durationMs: 10_000, warmupMs: 3_000, ttlSeconds: 5 });
    // Every user got through several turns; how many is throughput, which `npm run bench` measures
    // (a loaded machine manages a fraction of an idle one's).
    expect(result.turns).toBeGreaterThan(40);
    expect(result.firstError).toBeUndefined();
    expect(result.errorRate).toBeLessThan(0.001);
    expect(result.heapGrowth).toBeLessThan(0.1);
    expect(result.keysAtEnd).toBeGreaterThan(result.keysBefore);
    expect(result.keysAfterTtl).toBeLessThanOrEqual(result.keysBefore);
  }, 120_000);
});
