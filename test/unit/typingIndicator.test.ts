import { ActivityTypes, TestAdapter } from 'botbuilder';
import { TypingIndicator } from '../../src/bot/typingIndicator';

describe('TypingIndicator', () => {
  it('sends typing while a slow turn runs, nothing for a fast one', async () => {
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'slow') await new Promise((r) => setTimeout(r, 120));
      await context.sendActivity('done');
    }).use(new TypingIndicator(50, 1000));
    await adapter
      .send('slow')
      .assertReply((a) => expect(a.type).toBe(ActivityTypes.Typing))
      .assertReply('done')
      .send('fast')
      .assertReply('done')
      .startTest();
  });

  it('drops a typing send that fails instead of failing the turn or the process', async () => {
    const errors: unknown[] = [];
    const adapter = new TestAdapter(async (context) => {
      context.onSendActivities(async (_ctx, activities, next) => {
        if (activities[0].type === ActivityTypes.Typing) throw new Error('store down');
        return next();
      });
      await new Promise((r) => setTimeout(r, 120));
      await context.sendActivity('done');
    }).use(new TypingIndicator(20, 30));
    adapter.onTurnError = async (_context, err) => void errors.push(err);
    await adapter.send('slow').assertReply('done').startTest();
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).toEqual([]);
  });
});
