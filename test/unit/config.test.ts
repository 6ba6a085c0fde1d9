import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config';
import { envSchema } from '../../src/config/schema';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with nothing set: port 3978, zh-CN, a generated Direct Line secret', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DEFAULT_LOCALE).toBe('zh-CN');
    expect(config.directLineSecretGenerated).toBe(true);
    expect(config.DIRECTLINE_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).DIRECTLINE_SECRET).not.toBe(config.DIRECTLINE_SECRET);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: ' ' }).PORT).toBe(3978);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://bot.example.com' }, 'PUBLIC_URL'],
    [{ SUPPORT_HOTLINE: 'call us' }, 'SUPPORT_HOTLINE'],
    [{ SUPPORT_WEBSITE: 'lakala' }, 'SUPPORT_WEBSITE'],
    [{ WIDGET_PRIMARY_COLOR: 'red' }, 'WIDGET_PRIMARY_COLOR'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MicrosoftAppType: 'Tenant' }, 'MicrosoftAppType'],
    [{ DIRECTLINE_SECRET: 'short' }, 'DIRECTLINE_SECRET'],
    [{ DIRECTLINE_TOKEN_TTL_SECONDS: '-5' }, 'DIRECTLINE_TOKEN_TTL_SECONDS'],
    [{ BODY_LIMIT_BYTES: '1.5' }, 'BODY_LIMIT_BYTES'],
    [{ MicrosoftAppId: 'app' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ NODE_ENV: 'production', PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }, 'MicrosoftAppId'],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, 'PII_ENCRYPTION_KEY'],
    [{ PII_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'PII_ENCRYPTION_KEY'],
    [{ DATABASE_URL: 'postgres://db.example.com/cases' }, 'PII_ENCRYPTION_KEY'],
    [{ DATABASE_URL: 'mysql://db.example.com/cases', PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }, 'DATABASE_URL'],
    [{ HOLIDAYS: '2026-10-01,next friday' }, 'HOLIDAYS'],
    [{ CLOCK_OFFSET_DAYS: '2.5' }, 'CLOCK_OFFSET_DAYS'],
    [{ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), CLOCK_OFFSET_DAYS: '3' }, 'CLOCK_OFFSET_DAYS'],
    [{ REDIS_URL: 'http://127.0.0.1:6379', PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }, 'REDIS_URL'],
  ])('%j is refused with an error naming %s', (env, variable) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('names every bad variable at once', () => {
    expect(problems({ PORT: 'x', DEFAULT_LOCALE: 'de' }).map((p) => p.split(':')[0]).sort()).toEqual(['DEFAULT_LOCALE', 'PORT']);
  });

  it('turns a WeChat channel on only with all of its settings, and names what a half-done one lacks', () => {
    expect(problems({ WECHAT_APP_ID: 'wx123', WECOM_CORP_ID: 'ww1', WECOM_TOKEN: 'abc' })).toEqual([
      'WECHAT_APP_SECRET: is required to turn on the wechat channel (WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TOKEN)',
      'WECHAT_TOKEN: is required to turn on the wechat channel (WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_TOKEN)',
      'WECOM_KF_SECRET: is required to turn on the wecom channel (WECOM_CORP_ID, WECOM_KF_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY)',
      'WECOM_ENCODING_AES_KEY: is required to turn on the wecom channel (WECOM_CORP_ID, WECOM_KF_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY)',
    ]);
    expect(problems({ WECHAT_ENCODING_AES_KEY: 'short', WECHAT_API_BASE: 'ftp://x' }).map((p) => p.split(':')[0])).toEqual(['WECHAT_ENCODING_AES_KEY', 'WECHAT_API_BASE']);
    expect(loadConfig({}).WECHAT_API_BASE).toBe('https://api.weixin.qq.com');
  });

  it('never echoes a secret value in its errors', () => {
    const secret = 'hunter2-very-secret';
    const err = (() => {
      try {
        loadConfig({ DIRECTLINE_SECRET: secret, MicrosoftAppPassword: secret, MicrosoftAppType: 'nope' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err.message).toContain('DIRECTLINE_SECRET');
    expect(err.message).not.toContain(secret);
  });

  it('accepts production with an app id and password', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: 'id',
      MicrosoftAppPassword: 'pw',
      DIRECTLINE_SECRET: 'x'.repeat(40),
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.directLineSecretGenerated).toBe(false);
    expect(config.PUBLIC_URL).toBeUndefined();
  });

  it('reads TRUST_PROXY as a number of proxies (true = 1)', () => {
    expect([undefined, 'false', 'true', '2'].map((v) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }).TRUST_PROXY)).toEqual([0, 0, 1, 2]);
    expect(problems({ TRUST_PROXY: 'yes' })[0]).toMatch(/^TRUST_PROXY/);
  });

  it('drops a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://bot.example.com/' }).PUBLIC_URL).toBe('https://bot.example.com');
  });
});

describe('.env.example', () => {
  const text = readFileSync(`${__dirname}/../../.env.example`, 'utf8');

  it('documents every variable the schema reads, each with a comment', () => {
    const lines = text.split('\n');
    const documented = lines.flatMap((line, i) => {
      const name = /^([A-Za-z_]+)=/.exec(line)?.[1];
      return name && lines[i - 1].startsWith('#') ? [name] : [];
    });
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('is itself a valid configuration', () => {
    expect(() => loadConfig(parseEnv(text) as NodeJS.ProcessEnv)).not.toThrow();
  });
});
