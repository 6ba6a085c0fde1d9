import { TestAdapter, type Middleware, type TurnContext } from 'botbuilder';
import type { TurnPipelineParts } from '../../src/bot/turnPipeline';
import { TurnPipeline } from '../../src/bot/turnPipeline';
import { createLogger } from '../../src/log/logger';
import { InFlight } from '../../src/server/inflight';
import { MemorySeenActivities } from '../../src/state/idempotency';
import { MemoryTurnLock } from '../../src/state/turnLock';

const passing: Middleware = { onTurn: (_context, next) => next() };

/** The pipeline with its own parts (lock, duplicate check, reads) and the rest passing. */
function pipeline(reads: TurnPipelineParts['reads']) {
  return new TurnPipeline({
    relay: passing,
    limits: passing,
    lock: new MemoryTurnLock(),
    seen: new MemorySeenActivities(),
    reads,
    inflight: new InFlight(),
    logger: createLogger('silent'),
    started: () => () => undefined,
    finished: () => undefined,
  } as unknown as TurnPipelineParts);
}

describe('the turn pipeline', () => {
  it('runs an activity delivered twice once; a turn that failed runs again when the channel retries', async () => {
    const ran: string[] = [];
    let failing = true;
    const adapter = new TestAdapter(async (context: TurnContext) => {
      ran.push(context.activity.id!);
      if (failing) throw new Error('store down');
    });
    pipeline([]).attach(adapter, { typing: false }, async () => undefined);
    const delivery = { type: 'message', id: 'm1', text: 'hi', serviceUrl: 'https://channel.example/' };
    await adapter.send(delivery).startTest();
    failing = false;
    await adapter.send(delivery).startTest();
    await adapter.send(delivery).startTest();
    expect(ran).toEqual(['m1', 'm1']);
  });

  it('starts every part\'s reads once the turn holds its lock, before the bot runs', async () => {
    const order: string[] = [];
    const adapter = new TestAdapter(async () => void order.push('bot'));
    pipeline([{ startReads: () => void order.push('handoff') }, { startReads: () => void order.push('state') }]).attach(adapter, { typing: false }, async () => undefined);
    await adapter.send('hi').startTest();
    expect(order).toEqual(['handoff', 'state', 'bot']);
  });
});
