import { DirectLineHttp } from '../helpers/directLine';
import { freePort, spawnBot, waitReady, type BotProcess } from '../helpers/process';
import { startRedis, type RedisServer } from '../helpers/redis';

const SECRET = 'failover-secret-'.padEnd(48, 'f');
const REVIEWER = 'failover-reviewer-'.padEnd(40, 'v');

/** An instance killed in the middle of the application, a second one serving on: no completed step is lost. */
describe('an instance SIGKILLed mid-journey', () => {
  let redis: RedisServer;
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET, BACKOFFICE_TOKENS: `ops:${REVIEWER}`, LOG_LEVEL: 'warn' };
    a = spawnBot({ ...env, PORT: String(await freePort()) });
    b = spawnBot({ ...env, PORT: String(await freePort()) });
    await Promise.all([waitReady(a.url, 30_000), waitReady(b.url, 30_000)]);
  });
  afterAll(async () => {
    for (const bot of [a, b]) bot?.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('the second instance continues at the step reached, and the case is there', async () => {
    const onA = new DirectLineHttp(a.url);
    const onB = new DirectLineHttp(b.url);
    const { token, conversationId } = await onA.widgetToken('zh-CN');
    await onA.call('POST', '/conversations', token, {});
    let seen = 0;
    const say = async (dl: DirectLineHttp, text: string) => {
      expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'zh-CN' })).status).toBe(200);
      const page = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${seen}`, token);
      seen = Number(page.body.watermark);
      return (page.body.activities as { from: { role: string }; text?: string }[]).filter((x) => x.from.role === 'bot').map((x) => x.text ?? '').join('\n');
    };
    for (const text of ['我要注销POS机', '开始办理', '上个月', '设备故障', '张三']) await say(onA, text);
    a.child.kill('SIGKILL');
    await a.exited;
    // The next question after the name was the card number: B asks nothing again and takes it.
    expect(await say(onB, '6212 2602 0001 2345 670')).toMatch(/机身号/);
    for (const text of ['LKL12345678', '13800138000', '跳过']) await say(onB, text);
    expect(await say(onB, '确认无误')).toMatch(/签名/);
    const submitted = await say(onB, '张三');
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(submitted)![0];
    const record = await (await fetch(`${b.url}/backoffice/cases/${reference}`, { headers: { Authorization: `Bearer ${REVIEWER}` } })).json();
    expect(record).toMatchObject({ reference, status: 'submitted', applicant: { fullName: '张三', cardLast4: '5670', posSerial: 'LKL12345678' }, reason: { code: 'device_fault' } });
  }, 90_000);
});
