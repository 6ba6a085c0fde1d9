import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { localizerFor } from '../../src/app';
import { createLogger } from '../../src/log/logger';
import { NotificationSender } from '../../src/notifications/sender';
import { AliyunSmsProvider } from '../../src/notifications/sms/aliyun';
import { LogSmsProvider } from '../../src/notifications/sms/log';
import { SmsRejectedError, type SmsMessage } from '../../src/notifications/sms/provider';
import { TencentSmsProvider } from '../../src/notifications/sms/tencent';
import { caseRecord } from '../helpers/caseRecord';
import { aliyunStandIn, tencentStandIn, type StandIn } from '../helpers/smsStandIns';

const localizer = localizerFor(loadConfig({}));
// Values that need percent-encoding (space, "*", Chinese, JSON punctuation), where signing mistakes show.
const message: SmsMessage = {
  mobile: '13800138000',
  templateCode: 'SMS_000001',
  params: [['reference', 'PC-2611-00000A'], ['latest', '2026年12月1日 *']],
  text: 'ignored by real providers',
};

describe('Aliyun SMS adapter against a loopback stand-in that checks the HMAC-SHA1 signature', () => {
  const keys = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'aliyun-test-secret' };
  let api: StandIn;
  beforeAll(async () => {
    api = await aliyunStandIn(keys);
  });
  afterAll(() => api.close());

  const provider = (secret = keys.accessKeySecret) =>
    new AliyunSmsProvider({ accessKeyId: keys.accessKeyId, accessKeySecret: secret, signName: '拉卡拉', endpoint: api.endpoint, timeoutMs: 5000 });

  it('sends SendSms with the number, sign name, template and its named variables', async () => {
    await expect(provider().send(message)).resolves.toEqual({ id: expect.any(String) });
    expect(api.accepted.at(-1)).toEqual({
      phone: '13800138000',
      signName: '拉卡拉',
      template: 'SMS_000001',
      params: { reference: 'PC-2611-00000A', latest: '2026年12月1日 *' },
    });
  });

  it('is refused when signed with another secret', async () => {
    const refused = provider('not-the-secret').send(message);
    await expect(refused).rejects.toBeInstanceOf(SmsRejectedError);
    await expect(refused).rejects.toThrow(/SignatureDoesNotMatch/);
  });
});

describe('Tencent Cloud SMS adapter against a loopback stand-in that checks the TC3-HMAC-SHA256 signature', () => {
  const keys = { secretId: 'AKID-test-id', secretKey: 'tencent-test-key', sdkAppId: '1400000001' };
  let api: StandIn;
  beforeAll(async () => {
    api = await tencentStandIn(keys);
  });
  afterAll(() => api.close());

  const provider = (secretKey = keys.secretKey) =>
    new TencentSmsProvider({ secretId: keys.secretId, secretKey, sdkAppId: keys.sdkAppId, signName: '拉卡拉', region: 'ap-guangzhou', endpoint: api.endpoint, timeoutMs: 5000 });

  it('sends SendSms with the +86 number, app id, sign name, template and its variables in order', async () => {
    await expect(provider().send(message)).resolves.toEqual({ id: expect.any(String) });
    expect(api.accepted.at(-1)).toEqual({
      phone: '+8613800138000',
      signName: '拉卡拉',
      template: 'SMS_000001',
      params: { 1: 'PC-2611-00000A', 2: '2026年12月1日 *' },
    });
  });

  it('is refused when signed with another key', async () => {
    await expect(provider('not-the-key').send(message)).rejects.toThrow(/AuthFailure\.SignatureFailure/);
  });
});

describe('the log provider (development default)', () => {
  it('prints the SMS with the mobile number masked', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const sender = new NotificationSender(localizer, { sms: new LogSmsProvider(logger, '拉卡拉'), smsTemplate: (kind) => kind });
    const record = caseRecord('');
    await expect(sender.send('submitted', 'sms', record)).resolves.toMatchObject({ sent: true });
    const printed = lines.join('');
    expect(printed).toContain('138****8000');
    expect(printed).not.toContain('13800138000');
    expect(printed).toContain('【拉卡拉】已收到您的终端注销申请 PC-2611-00000A，预计 2026年12月1日 前给您审核结果。');
  });
});
