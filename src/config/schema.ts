import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../notifications/kinds';
import { isIP } from 'node:net';
import { parseRoles } from '../staff/roles';

function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

const optionalString = z.string().trim().min(1).optional();

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
/** WeChat's EncodingAESKey: 43 characters of base64 (32 bytes once "=" is added). */
const encodingAesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey from the admin console');
const hostUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((v) => v.replace(/\/+$/, ''));

/** "kind:code" pairs, e.g. "submitted:SMS_1234,approved:SMS_5678". */
const smsTemplates = z
  .string()
  .transform((v) => v.split(',').map((pair) => pair.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(new RegExp(`^(${NOTIFICATION_KINDS.join('|')}):[A-Za-z0-9_-]{1,40}$`), `must be kind:code pairs; kinds: ${NOTIFICATION_KINDS.join(', ')}`)))
  .transform((pairs) => Object.fromEntries(pairs.map((pair) => pair.split(':') as [string, string])) as Partial<Record<(typeof NOTIFICATION_KINDS)[number], string>>);
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0b5cad');

/** Each WeChat channel is off until all of its settings are given; some but not all is a mistake. */
export const WECHAT_CHANNELS = {
  wechat: ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TOKEN'],
  wecom: ['WECOM_CORP_ID', 'WECOM_KF_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'],
} as const;

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: port.default(3978),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://bot.example.com' })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
    // Sovereign and private clouds (Azure China, US Government): botbuilder's own setting names.
    ChannelService: optionalString,
    ToBotFromChannelTokenIssuer: optionalString,
    ToBotFromChannelOpenIdMetadataUrl: z.url().optional(),
    ToBotFromEmulatorOpenIdMetadataUrl: z.url().optional(),
    ToChannelFromBotLoginUrl: z.url().optional(),
    ToChannelFromBotOAuthScope: optionalString,
    OAuthUrl: z.url().optional(),
    CallerId: optionalString,

    DIRECTLINE_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (use: openssl rand -base64 48)')
      .optional(),
    DIRECTLINE_TOKEN_TTL_SECONDS: positiveInt.max(86_400).default(3600),
    DIRECTLINE_LOG_MAX_ACTIVITIES: positiveInt.min(20).max(100_000).default(300),

    DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
    BRAND_NAME: z.string().trim().min(1).default('拉卡拉'),
    BRAND_NAME_EN: z.string().trim().min(1).default('Lakala'),
    SUPPORT_HOTLINE: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,20}$/, 'must be a phone number such as 95016 or 400-123-4567')
      .default('95016'),
    SUPPORT_WEBSITE: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://www.lakala.com'),
    WIDGET_PRIMARY_COLOR: hexColor.default('#0b5cad'),

    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    REDIS_CLUSTER_NODES: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.url({ protocol: /^rediss?$/, error: 'must be comma-separated redis:// URLs' })).min(1))
      .optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/, 'letters, digits and :_- only (at most 40)').default('posbot:'),
    REDIS_COMMAND_TIMEOUT_MS: positiveInt.max(10_000).default(2000),
    // Fractions allowed (0.01 = about 15 minutes), for short-lived deployments and soak runs.
    USER_STATE_TTL_DAYS: z.coerce.number().min(0.00001).max(3650).default(30),
    CONVERSATION_STATE_TTL_DAYS: z.coerce.number().min(0.00001).max(3650).default(7),
    MEMORY_MAX_CONVERSATIONS: positiveInt.max(10_000_000).default(10_000),
    // An unfinished application is kept this long after its last change (kept in user state).
    DRAFT_TTL_DAYS: z.coerce.number().min(0.00001).max(365).default(7),
    // An approved offer the merchant has not accepted is brought up again (business days after approval).
    ACCEPT_REMINDER_BUSINESS_DAYS: positiveInt.max(60).default(3),
    // An agreed refund is paid within this many business days of the agreement; later, it is late (a person chases it).
    REFUND_PAYMENT_BUSINESS_DAYS: positiveInt.max(60).default(3),
    // A paid refund the merchant has not confirmed: asked again, then handed to a person (business days after payment).
    REFUND_REMINDER_BUSINESS_DAYS: positiveInt.max(60).default(3),
    REFUND_ESCALATE_BUSINESS_DAYS: positiveInt.max(120).default(7),
    // Trying a case across days by hand: the business clock runs this many days ahead (never in production).
    CLOCK_OFFSET_DAYS: z.coerce.number().int().min(0).max(365).default(0),

    // The system of record (cases, audit log, outbox): a PostgreSQL server, or PGlite under DATA_DIR when unset.
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL (add ?sslmode=require for TLS)' }).optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt.max(120_000).default(5000),
    DATABASE_POOL_SIZE: positiveInt.max(200).default(10),

    PII_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
      .optional(),
    HOLIDAYS: z
      .string()
      .transform((v) => v.split(',').map((d) => d.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be comma-separated dates like 2026-10-01')))
      .default([]),
    // name:token, or name:token:reviewer+editor to narrow a machine client to those roles.
    BACKOFFICE_TOKENS: z
      .string()
      .transform((v) => v.split(',').map((pair) => pair.trim()).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^[A-Za-z0-9_.-]{1,40}:[A-Za-z0-9_\-+/=]{24,200}(:(agent|reviewer|editor|admin)(\+(agent|reviewer|editor|admin))*)?$/,
              'must be name:token pairs, each token at least 24 characters, optionally :role+role (agent, reviewer, editor, admin)',
            ),
        ),
      )
      .transform((entries) =>
        Object.fromEntries(
          entries.map((entry) => {
            const [name, token, roles] = entry.split(':');
            return [name, { token, roles: roles ? parseRoles(roles) : undefined }];
          }),
        ),
      )
      .optional(),
    BUSINESS_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must look like 09:00-18:00 (24:00 for midnight)')
      .default('09:00-18:00'),
    BUSINESS_DAYS: z
      .string()
      .regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, 'must be ISO weekdays like 1-5 (Monday to Friday) or 1-5,6')
      .default('1-5'),
    HANDOFF_AGENTS: z
      .string()
      .transform((v) => v.split(',').map((pair) => pair.trim()).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[A-Za-z0-9_.-]{1,40}:scrypt\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{40,}$/, 'must be name:hash pairs; make a hash with: npm run -s agent-password -- <password>'),
        ),
      )
      .transform((pairs) => Object.fromEntries(pairs.map((pair) => pair.split(/:(.*)/s).slice(0, 2) as [string, string])))
      .optional(),
    // name:role+role:hash — staff accounts of the staff app (HANDOFF_AGENTS are agents too).
    STAFF_ACCOUNTS: z
      .string()
      .transform((v) => v.split(',').map((entry) => entry.trim()).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^[A-Za-z0-9_.-]{1,40}:(agent|reviewer|editor|admin)(\+(agent|reviewer|editor|admin))*:scrypt\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{40,}$/,
              'must be name:roles:hash entries such as carol:reviewer+editor:<hash>; make a hash with: npm run -s agent-password -- <password>',
            ),
        ),
      )
      .transform((entries) =>
        Object.fromEntries(
          entries.map((entry) => {
            const [name, roles, hash] = entry.split(':');
            return [name, { roles: parseRoles(roles) ?? [], hash }];
          }),
        ),
      )
      .optional(),
    // Who may read GET /metrics: a scraper with this bearer token, or one of these addresses/ranges.
    METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9_\-+/=]{24,200}$/, 'must be at least 24 characters (openssl rand -base64 32)').optional(),
    METRICS_ALLOW: z
      .string()
      .transform((v) => v.split(',').map((entry) => entry.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine((entry) => isAddressOrRange(entry), 'must be comma-separated IP addresses or CIDR ranges like 10.0.0.0/8')))
      .default(['127.0.0.1', '::1']),
    AGENT_SESSION_HOURS: positiveInt.max(72).default(12),
    HANDOFF_MAX_WAIT_MINUTES: positiveInt.max(240).default(10),
    HANDOFF_HEARTBEAT_TIMEOUT_SECONDS: positiveInt.min(5).max(600).default(60),
    HANDOFF_HANDLE_MINUTES: positiveInt.max(120).default(5),
    CASE_RETENTION_DAYS: positiveInt.max(3650).default(365),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@smtp.example.com:587' }).optional(),
    MAIL_FROM: z.string().trim().regex(/^[^\r\n]*@[^\r\n]+$/, 'must be an address such as "Lakala <no-reply@example.com>"').max(200).optional(),
    SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent']).default('log'),
    SMS_SIGN_NAME: optionalString,
    SMS_TEMPLATES: smsTemplates.optional(),
    SMS_TEMPLATES_EN: smsTemplates.optional(),
    ALIYUN_ACCESS_KEY_ID: optionalString,
    ALIYUN_ACCESS_KEY_SECRET: optionalString,
    ALIYUN_SMS_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((v) => v.replace(/\/+$/, '')).default('https://dysmsapi.aliyuncs.com'),
    TENCENT_SECRET_ID: optionalString,
    TENCENT_SECRET_KEY: optionalString,
    TENCENT_SMS_SDK_APP_ID: z.string().regex(/^\d{6,20}$/, 'must be the SMS application id (digits), e.g. 1400000000').optional(),
    TENCENT_SMS_REGION: z.string().regex(/^[a-z]{2}-[a-z]+(-[a-z]+)?$/, 'must be a region such as ap-guangzhou').default('ap-guangzhou'),
    TENCENT_SMS_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((v) => v.replace(/\/+$/, '')).default('https://sms.tencentcloudapi.com'),
    NOTIFY_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
    NOTIFY_MAX_ATTEMPTS: positiveInt.max(50).default(8),
    NOTIFY_RETRY_BASE_SECONDS: positiveInt.max(86_400).default(60),
    NOTIFY_RETRY_MAX_MINUTES: positiveInt.max(10_080).default(240),
    NOTIFY_POLL_SECONDS: positiveInt.max(3600).default(5),
    NLU_ASK_MARGIN: z.coerce.number().min(0).max(1).optional(),

    // WeChat Official Account (/api/wechat): on when the app id, secret and token are set.
    WECHAT_APP_ID: optionalString,
    WECHAT_APP_SECRET: optionalString,
    WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits, as in the admin console').optional(),
    WECHAT_ENCODING_AES_KEY: encodingAesKey.optional(),
    WECHAT_TEMPLATE_ID: optionalString,
    WECHAT_TEMPLATE_FIELD: z.string().regex(/^[A-Za-z0-9_]{1,32}$/, 'must be a template field name such as thing1').default('thing1'),
    WECHAT_API_BASE: hostUrl.default('https://api.weixin.qq.com'),
    // WeCom customer service (/api/wecom): on when all four are set (WeCom callbacks are always encrypted).
    WECOM_CORP_ID: optionalString,
    WECOM_KF_SECRET: optionalString,
    WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be up to 32 letters or digits, as in the admin console').optional(),
    WECOM_ENCODING_AES_KEY: encodingAesKey.optional(),
    WECOM_API_BASE: hostUrl.default('https://qyapi.weixin.qq.com'),
    // Who takes "talk to a person" in WeCom: our agent console, or the merchant's WeCom reception staff.
    WECOM_HANDOFF: z.enum(['console', 'wecom']).default('console'),
    WECOM_SERVICER_USERID: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be a WeCom member userid').optional(),

    MAX_MESSAGE_CHARS: positiveInt.max(100_000).default(2000),
    RATE_LIMIT_MESSAGES_PER_MINUTE: positiveInt.max(1_000_000).default(30),
    RATE_LIMIT_TOKENS_PER_MINUTE: positiveInt.max(1_000_000).default(20),
    LOGIN_MAX_FAILURES: positiveInt.max(1000).default(5),
    // How many reverse proxies in front append to X-Forwarded-For (true = 1, false = 0).
    TRUST_PROXY: z
      .union([z.enum(['true', 'false']).transform((v) => (v === 'true' ? 1 : 0)), z.coerce.number().int().min(0).max(10)], { error: 'must be a number of proxies (0-10), true or false' })
      .default(0),
    BODY_LIMIT_BYTES: positiveInt.max(10 * 1024 * 1024).default(256 * 1024),
    UPLOAD_LIMIT_BYTES: positiveInt.max(50 * 1024 * 1024).default(4 * 1024 * 1024),
    UPLOAD_QUOTA_FILES: positiveInt.max(10_000).default(20),
    UPLOAD_QUOTA_BYTES: positiveInt.max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
    UPLOAD_TOTAL_BYTES: positiveInt.default(2 * 1024 * 1024 * 1024),
    UPLOAD_LINK_TTL_SECONDS: positiveInt.max(7 * 24 * 3600).default(900),
    TURN_TIMEOUT_MS: positiveInt.max(120_000).default(15_000),
    SHUTDOWN_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI)',
      });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType=SingleTenant' });
    }
    if (env.REFUND_ESCALATE_BUSINESS_DAYS <= env.REFUND_REMINDER_BUSINESS_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['REFUND_ESCALATE_BUSINESS_DAYS'], message: 'must be more than REFUND_REMINDER_BUSINESS_DAYS' });
    }
    if (env.NODE_ENV === 'production' && env.CLOCK_OFFSET_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['CLOCK_OFFSET_DAYS'], message: 'is for trying a case across days by hand, never in production' });
    }
    if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_CLUSTER_NODES'], message: 'set either REDIS_URL or REDIS_CLUSTER_NODES, not both' });
    }
    if ((env.REDIS_URL || env.REDIS_CLUSTER_NODES || env.DATABASE_URL || env.NODE_ENV === 'production') && !env.PII_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['PII_ENCRYPTION_KEY'],
        message: 'is required with Redis, a DATABASE_URL or in production: card numbers saved with a per-process key could not be read after a restart',
      });
    }
    for (const [channel, names] of Object.entries(WECHAT_CHANNELS)) {
      const missing = names.filter((name) => !env[name]);
      if (missing.length && missing.length < names.length) {
        for (const name of missing) ctx.addIssue({ code: 'custom', path: [name], message: `is required to turn on the ${channel} channel (${names.join(', ')})` });
      }
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set (the sender address of notification emails)' });
    }
    const smsNeeds: Record<typeof env.SMS_PROVIDER, (keyof typeof env)[]> = {
      log: [],
      aliyun: ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATES'],
      tencent: ['TENCENT_SECRET_ID', 'TENCENT_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATES'],
    };
    for (const name of smsNeeds[env.SMS_PROVIDER].filter((n) => !env[n])) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required when SMS_PROVIDER=${env.SMS_PROVIDER}` });
    }
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message:
          'is required when NODE_ENV=production: without it /api/messages cannot authenticate callers (register the bot in Azure Bot Service)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
