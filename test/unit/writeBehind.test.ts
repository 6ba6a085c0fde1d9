import { WriteBehind } from '../../src/dashboard/writeBehind';

describe('WriteBehind', () => {
  it('merges the updates of a moment into one batch, written once, and batches in order', async () => {
    const written: [string, number][][] = [];
    const counts = new WriteBehind<string, number>(async (batch) => void written.push([...batch]), () => undefined, 10_000);
    counts.update('a', (n) => (n ?? 0) + 1);
    counts.update('b', (n) => (n ?? 0) + 1);
    counts.update('a', (n) => (n ?? 0) + 1);
    expect(written).toEqual([]);
    await counts.flush();
    counts.update('a', (n) => (n ?? 0) + 5);
    await counts.flush();
    await counts.flush();
    expect(written).toEqual([[['a', 2], ['b', 1]], [['a', 5]]]);
  });

  it('writes by itself after the delay', async () => {
    let written = 0;
    const counts = new WriteBehind<string, number>(async (batch) => void (written += batch.size), () => undefined, 5);
    counts.update('a', () => 1);
    for (let i = 0; i < 200 && !written; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(written).toBe(1);
  });

  it('reports a failed write and goes on with the next batch', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const counts = new WriteBehind<string, number>(
      async () => {
        if (calls++ === 0) throw new Error('down');
      },
      (err) => errors.push(err),
      10_000,
    );
    counts.update('a', () => 1);
    await counts.flush();
    counts.update('b', () => 1);
    await counts.flush();
    expect(errors).toEqual([new Error('down')]);
    expect(calls).toBe(2);
  });
});
