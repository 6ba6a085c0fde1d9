import { runLoad } from '../../bench/load';
import { APOLOGY, dialogScript, faqScript } from '../../bench/scripts';
import { startApp, type RunningApp } from '../helpers/app';

/** The bench's conversations must still be what the bot does: a changed dialog breaks them here, not in a bench run. */
describe('bench conversations over /api/messages', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  const once = (script: typeof faqScript) => {
    let done = false;
    return (conversation: string) => (done ? [] : ((done = true), script(conversation)));
  };

  it('the FAQ conversation gets an answer to every question', async () => {
    const result = await runLoad(running.url, 1, 60_000, once(faqScript), APOLOGY);
    expect(result).toMatchObject({ errors: 0, turns: 8, conversations: 1 });
  });

  it('the realistic sequence reaches the application summary, each step answered as expected', async () => {
    const result = await runLoad(running.url, 1, 60_000, once(dialogScript), APOLOGY);
    expect(result).toMatchObject({ errors: 0, turns: 9, conversations: 1 });
  });
});
