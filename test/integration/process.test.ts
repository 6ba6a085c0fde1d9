import { DirectLineHttp } from '../helpers/directLine';
import { freePort, spawnBot, waitReady, type BotProcess } from '../helpers/process';

describe('the server process (npm start)', () => {
  const running: BotProcess[] = [];
  afterAll(() => {
    for (const bot of running) bot.child.kill('SIGKILL');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: /],
    [{ NODE_ENV: 'production', PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }, /MicrosoftAppId: is required when NODE_ENV=production/],
    [{ DEFAULT_LOCALE: 'ja' }, /DEFAULT_LOCALE: must be one of zh-CN, en/],
  ])('refuses to start with %j, naming the variable', async (env, message) => {
    const bot = spawnBot(env);
    running.push(bot);
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.output()).toMatch(message);
  });

  it('serves, logs JSON without message text or secrets, and shuts down cleanly on SIGTERM', async () => {
    const secret = 'process-test-secret-'.padEnd(48, 'z');
    const port = await freePort();
    const bot = spawnBot({ PORT: String(port), DIRECTLINE_SECRET: secret });
    running.push(bot);
    await waitReady(bot.url);

    const dl = new DirectLineHttp(bot.url);
    const { token, conversationId } = await dl.widgetToken();
    await dl.call('POST', '/conversations', token, {});
    const privateText = '我的卡号是6222020000000000 请保密';
    expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: privateText })).status).toBe(200);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });

    const lines = bot.logs();
    expect(lines.find((l) => l.msg === 'request' && l.path === '/api/widget/token')).toMatchObject({ reqId: expect.any(String), status: 200 });
    expect(lines.find((l) => l.msg === 'turn' && l.activityType === 'message')).toMatchObject({ conversationId });
    expect(lines.some((l) => l.msg === 'shutting down')).toBe(true);
    // Nothing but the log on the way: no warning from a library a start loads (restify's spdy printed two).
    expect(bot.output()).not.toContain('DeprecationWarning');
    expect(bot.output()).not.toContain('6222020000000000');
    expect(bot.output()).not.toContain('请保密');
    expect(bot.output()).not.toContain(secret);
    expect(bot.output()).not.toContain(token);
  });

  it('warns that a generated Direct Line secret only suits one instance', async () => {
    const port = await freePort();
    const bot = spawnBot({ PORT: String(port) });
    running.push(bot);
    await waitReady(bot.url);
    bot.child.kill('SIGINT');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.output()).toMatch(/DIRECTLINE_SECRET is not set/);
  });
});
