import { InFlight } from '../../src/server/inflight';
import { SerialQueue } from '../../src/state/serialQueue';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('SerialQueue', () => {
  it('runs tasks of one key one at a time in arrival order, other keys in parallel', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await tick(ms);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('a1', 20)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 1))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('end a1')).toBeLessThan(events.indexOf('start a2'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  });

  it('keeps going after a failed task', async () => {
    const queue = new SerialQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });
});

describe('InFlight', () => {
  it('drains when the last tracked task ends', async () => {
    const inflight = new InFlight();
    let finished = false;
    void inflight.track(async () => {
      await tick(30);
      finished = true;
    });
    expect(inflight.size).toBe(1);
    await expect(inflight.drain(1000)).resolves.toBe(true);
    expect(finished).toBe(true);
    await expect(inflight.drain(1000)).resolves.toBe(true);
  });

  it('gives up after the timeout', async () => {
    const inflight = new InFlight();
    void inflight.track(() => tick(200));
    await expect(inflight.drain(10)).resolves.toBe(false);
  });
});
