import { randomBytes } from 'node:crypto';
import type { Request } from 'restify';
import type { AddressInfo } from 'node:net';
import {
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { CancelDialog } from '../dialogs/cancel';
import { CaseUpdateDialog } from '../dialogs/caseUpdate';
import { CsatDialog } from '../dialogs/csat';
import { HandoffDialog } from '../dialogs/handoff';
import { ResumeDraftDialog } from '../dialogs/resumeDraft';
import { StopFormDialog } from '../dialogs/stopForm';
import { MainDialog } from '../dialogs/main';
import { Drafts } from '../dialogs/shared/drafts';
import { MerchantCases } from '../dialogs/shared/merchantCases';
import { StatusDialog } from '../dialogs/status';
import { IntentRecognizer } from '../dialogs/shared/recognizer';
import { Replies } from '../dialogs/shared/replies';
import { TurnLanguage } from '../dialogs/shared/turnLanguage';
import { PosBot } from './bot/posBot';
import { CardFingerprints } from './cases/cardFingerprint';
import { CardVault } from './cases/cardVault';
import { CaseService, newsConversation, type CaseRecord } from './cases/caseService';
import { RetentionJob } from './cases/retention';
import type { FollowUpRules } from './cases/pending';
import { CaseFollowUps } from './cases/followUps';
import { OwnerCases } from './cases/ownerCases';
import { maskCard } from './pii/cardNumbers';
import { ApplicationLinks } from './application/links';
import { registerApplicationRoute } from './application/routes';
import { registerChatRoutes } from './agentConsole/chatRoutes';
import { registerBackofficeRoutes } from './backoffice/routes';
import { registerOutboxRoutes } from './backoffice/outboxRoutes';
import { DomainEvents, type CaseFollowUp } from './bot/domainEvents';
import { HandoffNotices, type Deliver } from './bot/handoffNotices';
import { HandoffRelay } from './bot/handoffRelay';
import { MessageLimits } from './bot/messageLimits';
import { NotificationOptOut } from './bot/notificationOptOut';
import { ConversationSoFar } from './bot/conversationSoFar';
import { proofGuesses } from './bot/proofGuesses';
import { TurnAnalytics } from './bot/turnAnalytics';
import { TurnPipeline, type TurnReads } from './bot/turnPipeline';
import { throughChannel } from './channels/proactive';
import { createTurnErrorHandler } from './bot/turnError';
import { ChannelAdapter, registerBotFrameworkRoute } from './channels/botframework';
import { CachingBotFrameworkAuthentication } from './channels/cachingAuthentication';
import { EmbeddedDirectLineAdapter } from './channels/directline/adapter';
import { MemoryDirectLineStore } from './channels/directline/memoryStore';
import { RedisDirectLineStore } from './channels/directline/redisStore';
import type { DirectLineStore } from './channels/directline/store';
import { registerDirectLineRoutes } from './channels/directline/routes';
import { DirectLineService } from './channels/directline/service';
import { DirectLineStream } from './channels/directline/stream';
import { TokenIssuer } from './channels/directline/tokens';
import { createWeChatChannels } from './channels/wechat/channels';
import { WECOM_CHANNEL_ID } from './channels/wechat/wecom/inbound';
import { MemoryKeyValue, RedisKeyValue, type KeyValue } from './channels/wechat/keyValue';
import { VisitorIds } from './channels/visitorIds';
import { registerWidgetRoutes } from './channels/widget';
import type { Config } from './config';
import { AttachmentService } from './attachments/attachmentService';
import { AttachmentLinks } from './attachments/links';
import { registerAttachmentRoutes } from './attachments/routes';
import { Database } from './db/database';
import { databaseSettings } from './db/settings';
import { LANGUAGES } from './i18n/language';
import { parseDays } from './handoff/businessHours';
import { HandoffArchive } from './handoff/archive';
import { HandoffService } from './handoff/handoffService';
import { MemoryHandoffStore } from './handoff/memoryStore';
import { RedisHandoffStore } from './handoff/redisStore';
import { RedisTranscriptStore } from './handoff/redisTranscriptStore';
import type { HandoffStore } from './handoff/store';
import { TranscriptService } from './handoff/transcriptService';
import { MemoryTranscriptStore, type TranscriptStore } from './handoff/transcriptStore';
import { createLocalizer, type Localizer } from './i18n/localizer';
import { createLogger, type Logger } from './log/logger';
import { Metrics } from './metrics/metrics';
import { trainInBackground } from './nlu/backgroundTraining';
import { LiveUnderstanding } from './nlu/liveUnderstanding';
import { lowScoreFor, UnansweredService } from './unanswered/unansweredService';
import { MissedTurns } from './unanswered/missedTurns';
import { Retraining } from './unanswered/retraining';
import { registerUnansweredRoutes } from './backoffice/unansweredRoutes';
import { AnswersService } from './answers/answersService';
import { registerAnswerRoutes } from './backoffice/answerRoutes';
import { DashboardService } from './dashboard/dashboardService';
import { registerDashboardRoute } from './dashboard/routes';
import { TurnStats } from './dashboard/turnStats';
import { FunnelStats } from './dashboard/funnelStats';
import { registerMetricsRoute } from './metrics/routes';
import { THRESHOLDS } from './nlu/thresholds';
import { loadUnderstanding, modelPath, type Understanding } from './nlu/understanding';
import { LOCALES_DIR, PROJECT_ROOT } from './paths';
import { clientAddress } from './server/http';
import { InFlight } from './server/inflight';
import { allow, MemoryRateCounter, rateLimit, RedisRateCounter, type RateCounter } from './server/rateLimit';
import { compressedEncodings, listAssets } from './server/assets';
import { Readiness } from './server/readiness';
import { createHttpServer } from './server/server';
import { registerStaticRoutes } from './server/static';
import { ConfiguredAccounts, DatabaseAccounts, StaffDirectory } from './staff/accounts';
import { registerAccountRoutes } from './staff/accountRoutes';
import { SubjectData } from './privacy/subjects';
import { DatabaseAuditTrail } from './staff/audit';
import { StaffAuth, type SessionStore } from './staff/auth';
import { MemorySessionStore, RedisSessionStore } from './staff/sessionStores';
import { notificationSenderFrom, outboxWorkerOptions } from './notifications/fromConfig';
import { Outbox } from './notifications/outbox';
import type { NotificationSender } from './notifications/sender';
import { OutboxWorker } from './notifications/worker';
import { registerStaffRoutes } from './staff/routes';
import { StateAccessors } from './state/accessors';
import { JsonConversationState, JsonUserState } from './state/botStates';
import { SavedState } from './state/savedState';
import { MemorySeenActivities, RedisSeenActivities, type SeenActivities } from './state/idempotency';
import { connectRedis, withTimeout } from './state/redisConnection';
import { LocalAnnouncements, RedisAnnouncements, type Announcements } from './state/announcements';
import { ExpiringMemoryStorage } from './state/memoryStorage';
import { botStateTtl, RedisStorage } from './state/redisStorage';
import { MemoryTurnLock, RedisTurnLock, TURN_LOCK_TIMING, type TurnLock } from './state/turnLock';

/** How often the refund follow-up looks for unconfirmed refunds (its steps are days apart). */
const FOLLOW_UP_INTERVAL_MS = 15 * 60_000;
/** How often each instance looks for answers published on another instance. */
const ANSWERS_POLL_MS = 5000;
/** Retrained models are announced over Redis; this look in the database only catches an announcement lost in an outage. */
const MODEL_POLL_MS = 60_000;

export interface App {
  /** The follow-up of what cases wait for from merchants (tests run it at a chosen time). */
  followUps: Pick<CaseFollowUps, 'run'>;
  /** Listens on config.PORT (0 = any free port); resolves with the base URL. */
  start(): Promise<string>;
  /** Stops accepting, lets turns in flight finish (up to SHUTDOWN_TIMEOUT_MS), then closes stores. */
  stop(): Promise<void>;
  /**
   * Sends proactively into a conversation through the channel it came from (the embedded Direct Line or
   * Azure), in turn order with the user's own messages unless `inTurnOrder` is false (sends that touch
   * no bot state, such as an agent's message relayed while the bot is silent).
   */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>, inTurnOrder?: boolean): Promise<void>;
}

export function localizerFor(config: Config): Localizer {
  return createLocalizer({
    brand: { 'zh-CN': config.BRAND_NAME, en: config.BRAND_NAME_EN },
    hotline: config.SUPPORT_HOTLINE,
    website: config.SUPPORT_WEBSITE,
  });
}

export interface Bot {
  bot: PosBot;
  cases: CaseService;
  /** Uploaded files; those sent while applying are the case's. */
  attachments: AttachmentService;
  links: ApplicationLinks;
  handoffs: HandoffService;
  /** Middleware that refuses overlong messages; every adapter uses it first. */
  limits: MessageLimits;
  relay: HandoffRelay;
  /** The parts that read from the store on every turn, whose reads the pipeline starts together. */
  reads: TurnReads[];
  /** Email and SMS to merchants: the outbox each case change writes to, the sender its worker uses. */
  notifications: { outbox: Outbox; sender: NotificationSender; close(): void };
  /** The one door for case changes and handoff outcomes into a conversation. */
  events: DomainEvents;
  /** Bot state by conversation and user ids, outside turns (a data subject's export and erasure). */
  savedState: SavedState;
  /** What agents read of each conversation (a data subject's export and erasure too). */
  transcripts: TranscriptService;
  /** What a conversation holds of what was said (the unanswered inbox reads the question before a handoff). */
  soFar: ConversationSoFar;
  /** The dashboard's application steps, written behind the turns (flushed at shutdown). */
  funnel: FunnelStats;
}

/**
 * The bot and its dialogs over a Storage and a handoff store, without any channel (dialog tests drive
 * it with TestAdapter); `deliver` sends proactively into a conversation.
 */
export function followUpRules(config: Config): FollowUpRules {
  return {
    acceptReminderBusinessDays: config.ACCEPT_REMINDER_BUSINESS_DAYS,
    paymentBusinessDays: config.REFUND_PAYMENT_BUSINESS_DAYS,
    reminderBusinessDays: config.REFUND_REMINDER_BUSINESS_DAYS, escalateBusinessDays: config.REFUND_ESCALATE_BUSINESS_DAYS,
    holidays: new Set(config.HOLIDAYS),
  };
}

export function createBot(
  config: Config,
  localizer: Localizer,
  understanding: Pick<Understanding, 'classify' | 'statedRequest' | 'besidesRequest' | 'refusesCancelling'>,
  storage: Storage,
  handoffStores: HandoffStores,
  deliver: Deliver,
  logger: Logger,
  database: Database,
  now: () => Date = () => new Date(),
  /** Shared counters (Redis with several instances), here for failed status-lookup proofs per case. */
  counter: RateCounter = new MemoryRateCounter(),
  /** Each merchant's cases kept between messages (every instance must share its versions); without it each message queries them. */
  owners?: OwnerCases,
): Bot {
  const state = new StateAccessors(new JsonConversationState(storage), new JsonUserState(storage));
  const replies = new Replies(localizer);
  const language = new TurnLanguage(state.profile, config.DEFAULT_LOCALE);
  const piiKey = config.PII_ENCRYPTION_KEY ? Buffer.from(config.PII_ENCRYPTION_KEY, 'base64') : randomBytes(32);
  const vault = new CardVault(piiKey);
  // Email and SMS to merchants: queued in the transaction of each case change, sent by the outbox worker.
  const { sender, close: closeNotifications } = notificationSenderFrom(config, localizer, logger);
  const outbox = new Outbox(database, sender, now);
  const cases = new CaseService(database, vault, new CardFingerprints(piiKey), {
    holidays: new Set(config.HOLIDAYS),
    now,
    owners,
    onChange: async (trx, record, event) => {
      await outbox.queue(trx, record, event);
      // What the merchant sent while applying is the new case's supporting material.
      const conversationId = (record.owner.conversation as Partial<ConversationReference> | undefined)?.conversation?.id;
      if (event === 'submitted' && conversationId) await attachments.attachToCase(trx, conversationId, record.owner.userId, record.reference);
    },
  });
  const attachments = new AttachmentService(
    database,
    { filesPerConversation: config.UPLOAD_QUOTA_FILES, bytesPerConversation: config.UPLOAD_QUOTA_BYTES, totalBytes: config.UPLOAD_TOTAL_BYTES },
    (conversationId, userId) => cases.submittedIn(conversationId, userId),
  );
  const links = new ApplicationLinks(config.DIRECTLINE_SECRET, config.PUBLIC_URL, `http://localhost:${config.PORT}`);
  const drafts = new Drafts(state.draft, config.DRAFT_TTL_DAYS, now);
  const funnel = new FunnelStats(database, logger, now);
  const merchantCases = new MerchantCases(cases, state.claimedCases);
  const cancel = new CancelDialog(localizer, language, replies, cases, merchantCases, vault, drafts, (reference, origin) => links.linkFor(reference, origin), funnel, now);
  const status = new StatusDialog(localizer, language, replies, cases, merchantCases, proofGuesses(counter), followUpRules(config), now);
  const caseUpdate = new CaseUpdateDialog(localizer, language, replies, cases, merchantCases, followUpRules(config), state.offered, now);
  const events = new DomainEvents(deliver, (context): Promise<void> => bot.run(context));
  const notices = new HandoffNotices(localizer, replies, deliver, events, language);
  const transcripts = new TranscriptService(handoffStores.transcripts);
  const soFar = new ConversationSoFar(localizer, handoffStores.directLine, state.loggedIntents, state.recentLines);
  // The live queue runs on the real clock (agents' presence, waits and timeouts, Redis' stream ids, the
  // console's timers); the archive the dashboard counts moves its times onto the business clock.
  const realNow = () => Date.now();
  const handoffs = new HandoffService(
    handoffStores.handoffs,
    transcripts,
    handoffStores.lock,
    new HandoffArchive(database, () => now().getTime() - realNow()),
    notices,
    {
      heartbeatTimeoutMs: config.HANDOFF_HEARTBEAT_TIMEOUT_SECONDS * 1000,
      maxWaitMs: config.HANDOFF_MAX_WAIT_MINUTES * 60_000,
      handleMinutes: config.HANDOFF_HANDLE_MINUTES,
      sweepIntervalMs: 5000,
      contactCentreChannels: config.WECOM_HANDOFF === 'wecom' ? [WECOM_CHANNEL_ID] : [],
    },
    logger,
    realNow,
  );
  const [open, close] = config.BUSINESS_HOURS.split('-');
  const handoff = new HandoffDialog(localizer, language, handoffs, cases, { open, close, days: parseDays(config.BUSINESS_DAYS), holidays: new Set(config.HOLIDAYS) }, (context) => soFar.lines(context), now);
  const csat = new CsatDialog(localizer, language, replies, handoffs);
  const recognizer = new IntentRecognizer(understanding, localizer);
  const dialog = new MainDialog(
    language,
    replies,
    recognizer,
    localizer,
    state.misunderstood,
    state.offered,
    drafts,
    merchantCases,
    cancel,
    status,
    caseUpdate,
    handoff,
    csat,
    new StopFormDialog(localizer, language, replies, drafts),
    new ResumeDraftDialog(localizer, language, replies, drafts),
  );
  const relay = new HandoffRelay(handoffs, localizer, language, recognizer, cases, merchantCases, state.userState);
  const bot = new PosBot(state, dialog, new NotificationOptOut(localizer, language, cases), soFar);
  return {
    bot,
    reads: [relay, bot, merchantCases],
    attachments,
    cases,
    links,
    handoffs,
    relay,
    notifications: { outbox, sender, close: closeNotifications },
    events,
    savedState: new SavedState(storage, state.conversationState, state.userState),
    transcripts,
    soFar,
    funnel,
    limits: new MessageLimits(localizer, config.MAX_MESSAGE_CHARS, config.DEFAULT_LOCALE),
  };
}

/**
 * The handoff life cycle and queue, the transcripts its transitions add lines to, the turn lock its
 * relaying keeps to, and the widget's Direct Line logs a transcript starts from.
 */
export interface HandoffStores {
  handoffs: HandoffStore;
  transcripts: TranscriptStore;
  lock: TurnLock;
  directLine?: DirectLineStore;
}

interface Stores extends HandoffStores {
  storage: Storage;
  directLine: DirectLineStore;
  seen: SeenActivities;
  /** Staff sessions. */
  sessions: SessionStore;
  counter: RateCounter;
  /** Access tokens, locks and cursors of the WeChat channels; the versions of merchants' cached cases. */
  keyValue: KeyValue;
  /** What every instance must hear at once (a retrained model). */
  announcements: Announcements;
  close(): Promise<void>;
}

/** In memory by default; everything in Redis when REDIS_URL or REDIS_CLUSTER_NODES is set. */
/** The namespaces of the bot's replies: the Direct Line log is compressed against their texts. */
const REPLY_NAMESPACES = ['bot', 'case', 'status', 'handoff', 'cancel', 'faq'];

function createStores(config: Config, logger: Logger, readiness: Readiness, metrics: Metrics, localizer: Localizer): Stores {
  if (!config.REDIS_URL && !config.REDIS_CLUSTER_NODES) {
    // Without Redis nothing expires by itself: idle conversations go after their TTL, and beyond the cap
    // the longest idle go first (a conversation's state has a user's beside it, hence twice the cap).
    const day = 24 * 3600_000;
    const conversations = config.MEMORY_MAX_CONVERSATIONS;
    const directLine = new MemoryDirectLineStore({ maxEntries: conversations, idleMs: config.CONVERSATION_STATE_TTL_DAYS * day }, config.DIRECTLINE_LOG_MAX_ACTIVITIES);
    // A transcript for a day at most, as in Redis.
    const transcripts = new MemoryTranscriptStore({ maxEntries: conversations, idleMs: Math.min(1, config.CONVERSATION_STATE_TTL_DAYS) * day });
    const handoffs = new MemoryHandoffStore(transcripts);
    return {
      storage: new ExpiringMemoryStorage({ maxEntries: 2 * conversations, idleMs: Math.max(config.USER_STATE_TTL_DAYS, config.CONVERSATION_STATE_TTL_DAYS) * day }),
      directLine,
      lock: new MemoryTurnLock(),
      seen: new MemorySeenActivities(),
      handoffs,
      transcripts,
      sessions: new MemorySessionStore(),
      counter: new MemoryRateCounter(),
      keyValue: new MemoryKeyValue(),
      announcements: new LocalAnnouncements(),
      close: async () => {
        await directLine.close();
        await handoffs.close();
      },
    };
  }
  const settings = { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS };
  const client = connectRedis(settings, logger, 'commands', () => metrics.redisError('commands'));
  const subscriber = connectRedis(settings, logger, 'wake-ups', () => metrics.redisError('wake-ups'));
  // A connection can look ready while the server is frozen: ask it, briefly (1 s, or less than the command timeout).
  readiness.register('redis', async () => client.isReady && subscriber.isReady && (await withTimeout(client.ping(), Math.min(1000, config.REDIS_COMMAND_TIMEOUT_MS))) === 'PONG');
  const prefix = config.REDIS_KEY_PREFIX;
  const timeoutMs = config.REDIS_COMMAND_TIMEOUT_MS;
  const day = 24 * 3600;
  const conversationTtl = Math.ceil(config.CONVERSATION_STATE_TTL_DAYS * day);
  // A transcript matters while its user may still ask for a person: a day, not the conversation's TTL
  // (it is most of a conversation's bytes in Redis).
  const transcriptTtlSeconds = Math.min(day, conversationTtl);
  const handoffs = new RedisHandoffStore(
    client,
    subscriber,
    { prefix, timeoutMs, ttlSeconds: conversationTtl, transcriptTtlSeconds, retentionSeconds: config.CASE_RETENTION_DAYS * day },
    logger,
  );
  const texts = LANGUAGES.map((lang): [string, string[]] => [lang, REPLY_NAMESPACES.flatMap((ns) => localizer.strings(lang, ns))]);
  const directLine = new RedisDirectLineStore(client, subscriber, { prefix, ttlSeconds: conversationTtl, maxActivities: config.DIRECTLINE_LOG_MAX_ACTIVITIES, timeoutMs, texts }, logger);
  return {
    storage: new RedisStorage(client, {
      prefix,
      timeoutMs,
      ttlSeconds: botStateTtl({ user: Math.ceil(config.USER_STATE_TTL_DAYS * day), conversation: Math.ceil(config.CONVERSATION_STATE_TTL_DAYS * day) }),
    }),
    directLine,
    lock: new RedisTurnLock(client, { prefix, ...TURN_LOCK_TIMING, timeoutMs, readsWithRequest: !settings.clusterNodes?.length }),
    seen: new RedisSeenActivities(client, prefix, timeoutMs, Math.min(day, conversationTtl)),
    handoffs,
    transcripts: new RedisTranscriptStore(client, { prefix, timeoutMs, transcriptTtlSeconds }),
    sessions: new RedisSessionStore(client, { prefix, timeoutMs }),
    counter: new RedisRateCounter(client, prefix, timeoutMs),
    keyValue: new RedisKeyValue(client, prefix, timeoutMs),
    announcements: new RedisAnnouncements(client, subscriber, { prefix, timeoutMs }, logger),
    close: async () => {
      await directLine.close();
      await handoffs.close();
      await Promise.allSettled([client.close(), subscriber.close()]);
    },
  };
}

/**
 * The composition root: the only place that knows every part and wires them together. `now` is the
 * business clock of cases (submission dates, the decision window) and of the dashboard's days; tests move
 * it to make a case overdue.
 */
export function createApp(config: Config, logger: Logger = createLogger(config.LOG_LEVEL), now: () => Date = () => new Date()): App {
  const readiness = new Readiness();
  const inflight = new InFlight();
  // First: opening PGlite takes about a second (a new data directory several), and runs meanwhile
  // (in its worker thread, which src/index.ts starts before loading this module).
  // The handoff queue is read when Prometheus scrapes (stores are made just below).
  const metrics = new Metrics(async () => (await handoffs.queue()).length);
  const database = new Database(databaseSettings(config), logger, () => metrics.databaseError());
  database.open();
  readiness.register('database', () => database.ready);
  const localizer = localizerFor(config);
  const stores = createStores(config, logger, readiness, metrics, localizer);

  const thresholds = config.NLU_ASK_MARGIN === undefined ? THRESHOLDS : { ...THRESHOLDS, minMargin: config.NLU_ASK_MARGIN };
  const nlu = loadUnderstanding(LOCALES_DIR, modelPath(PROJECT_ROOT), thresholds);
  if (nlu.trained) logger.warn('no up-to-date NLU model in dist/ (run npm run build): trained one at start-up');
  // What editors teach the bot from the unanswered inbox: the model retrains in the background and every instance swaps it in.
  const understanding = new LiveUnderstanding(nlu.understanding);
  const unanswered = new UnansweredService(database, () => retraining.retrain(), now);
  const retraining = new Retraining(database, nlu.corpus, understanding, stores.announcements, { additions: () => unanswered.additions(), train: trainInBackground }, logger);
  const lowScore = lowScoreFor(Math.max(thresholds.zh.minScore, thresholds.en.minScore));
  const turnStats = new TurnStats(database, logger, now);
  // Published answer edits override locales/ on every instance (polled).
  const answers = new AnswersService(database, localizer, { hotline: config.SUPPORT_HOTLINE, brand: [config.BRAND_NAME, config.BRAND_NAME_EN] });
  // Proactive messages go through whichever channel the conversation came from (defined below).
  const deliver: Deliver = (reference, send, turn = { inTurnOrder: true }) => continueThroughChannel(pipeline.proactive(reference, turn), send);
  const { bot, reads, cases, attachments, links, handoffs, relay, limits, events, notifications, savedState, transcripts, funnel, soFar } = createBot(
    config,
    localizer,
    understanding,
    stores.storage,
    stores,
    deliver,
    logger,
    database,
    now,
    stores.counter,
    new OwnerCases(stores.keyValue, (err) => logger.warn({ err }, 'case change not announced to other instances: their cached cases may be a minute old')),
  );
  const missed = new MissedTurns(unanswered, lowScore, logger);
  // On the outbox's clock: rows queued by the business clock are due by it (a clock moved ahead would otherwise hold them back for its days).
  const outboxWorker = new OutboxWorker(notifications.outbox, notifications.sender, (reference) => cases.get(reference), { ...outboxWorkerOptions(config), now }, logger);

  const analytics = new TurnAnalytics(metrics, turnStats, missed, soFar, logger);
  const pipeline = new TurnPipeline({
    bot,
    relay,
    limits,
    lock: stores.lock,
    seen: stores.seen,
    reads,
    inflight,
    logger,
    started: (channelId) => metrics.turnStarted(channelId),
    finished: (context) => analytics.finished(context),
  });
  const onTurnError = createTurnErrorHandler(logger, localizer, config.DEFAULT_LOCALE);

  const auth = new CachingBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      ChannelService: config.ChannelService,
      ToBotFromChannelTokenIssuer: config.ToBotFromChannelTokenIssuer,
      ToBotFromChannelOpenIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: config.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: config.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: config.ToChannelFromBotOAuthScope,
      OAuthUrl: config.OAuthUrl,
      CallerId: config.CallerId,
    }),
  );
  const botFramework = new ChannelAdapter(auth);
  // Web Chat shows "typing…" when a turn takes longer than half a second.
  pipeline.attach(botFramework, { typing: true }, onTurnError);

  const store = stores.directLine;
  const tokens = new TokenIssuer(config.DIRECTLINE_SECRET);
  const embedded = new EmbeddedDirectLineAdapter(store);
  pipeline.attach(embedded, { typing: true }, onTurnError);
  const attachmentLinks = new AttachmentLinks(config.DIRECTLINE_SECRET, config.UPLOAD_LINK_TTL_SECONDS);
  const directLine = new DirectLineService(
    store,
    tokens,
    attachmentLinks,
    embedded,
    pipeline.logic,
    { bot: { id: config.MicrosoftAppId ?? 'bot', name: config.BRAND_NAME }, tokenTtlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS, turnTimeoutMs: config.TURN_TIMEOUT_MS },
    logger,
  );
  const stream = new DirectLineStream(directLine, logger);
  const wechat = createWeChatChannels(config, {
    keyValue: stores.keyValue,
    localizer,
    logic: pipeline.logic,
    // WeChat shows no typing indicator from a bot.
    attach: (adapter) => pipeline.attach(adapter, { typing: false }, onTurnError),
    logger,
    // A WeChat user's files are read by staff only (the back-office download).
    attachments: { save: (conversationId, userId, files) => attachments.save(conversationId, userId, files), linkFor: (id) => `${config.PUBLIC_URL ?? ''}/backoffice/attachments/${id}` },
    uploadLimitBytes: config.UPLOAD_LIMIT_BYTES,
  });

  const { server, json } = createHttpServer(logger, readiness, { bodyLimitBytes: config.BODY_LIMIT_BYTES });
  registerBotFrameworkRoute(server, botFramework, pipeline.logic, { loopbackOnly: !config.MicrosoftAppId, json }, logger);
  const address = (req: Request) => clientAddress(req, config.TRUST_PROXY);
  const minute = 60_000;
  const perAddress = rateLimit(stores.counter, { name: 'tokens', limit: config.RATE_LIMIT_TOKENS_PER_MINUTE, windowMs: minute }, address);
  const messages = { name: 'messages', limit: config.RATE_LIMIT_MESSAGES_PER_MINUTE, windowMs: minute };
  const typing = { name: 'typing', limit: 2 * config.RATE_LIMIT_MESSAGES_PER_MINUTE, windowMs: minute };
  registerDirectLineRoutes(
    server,
    directLine,
    {
      publicUrl: config.PUBLIC_URL,
      uploadLimitBytes: config.UPLOAD_LIMIT_BYTES,
      attachments,
      links: attachmentLinks,
      json,
      perAddress,
      perConversation: (conversationId, kind, res) => allow(stores.counter, kind === 'typing' ? typing : messages, conversationId, res),
    },
    logger,
  );
  const assets = listAssets();
  if (assets.some((asset) => compressedEncodings(asset).length === 0)) logger.warn('web assets without compressed copies (run npm run build): sending those uncompressed');
  registerWidgetRoutes(
    server,
    directLine,
    new VisitorIds(config.DIRECTLINE_SECRET),
    {
      webChatPath: assets.find((asset) => asset.path.startsWith('/webchat/'))!.path,
      primaryColor: config.WIDGET_PRIMARY_COLOR,
      defaultLocale: config.DEFAULT_LOCALE,
      strings: Object.fromEntries(LANGUAGES.map((lang) => [lang, localizer.tree(lang, 'widget:ui')])),
    },
    json,
    perAddress,
  );
  wechat.register(server, config.BODY_LIMIT_BYTES);
  registerStaticRoutes(server, assets);
  server.server.on('upgrade', (req, socket, head) => {
    if (!stream.handleUpgrade(req, socket, head)) socket.destroy();
  });

  const continueThroughChannel = throughChannel({ embedded, wechat: (channelId) => wechat.adapterFor(channelId), botFramework, appId: config.MicrosoftAppId ?? '' });

  // A back-office change reaches the user in the conversation they last wrote in (else the one they
  // applied in) and their language, and resumes the journey.
  const notify = (record: CaseRecord, followUp?: CaseFollowUp) =>
    events.raise(newsConversation(record) as Partial<ConversationReference>, { kind: 'caseUpdated', reference: record.reference, ...(followUp ? { followUp } : {}) }, record.language);
  // What a case waits for from its merchant: the offer and the refund are asked about again, then a person calls them back.
  const followUps = new CaseFollowUps(
    cases,
    followUpRules(config),
    {
      acceptRemind: (record) => notify(record, 'acceptReminder'),
      remind: (record) => notify(record, 'reminder'),
      escalate: async (record) => {
        const conversation = newsConversation(record) as Partial<ConversationReference>;
        const note = localizer.t(config.DEFAULT_LOCALE, 'case:escalationNote', { reference: record.reference, days: config.REFUND_ESCALATE_BUSINESS_DAYS });
        await handoffs.request('callback', conversation.conversation?.id ?? record.reference, conversation, {
          language: record.language,
          userId: record.owner.userId,
          intents: [],
          caseReference: record.reference,
          cardMasked: maskCard(record.applicant.cardLast4),
          message: note,
          mobile: record.applicant.mobile,
        });
        await notify(record, 'escalated');
      },
    },
    logger,
    now,
  );
  // Wrong passwords and tokens: LOGIN_MAX_FAILURES per 15 minutes, then 429 until the window ends.
  const failures = { counter: stores.counter, limit: config.LOGIN_MAX_FAILURES, windowMs: 15 * minute, address };
  const accounts = new StaffDirectory(new ConfiguredAccounts(config.STAFF_ACCOUNTS ?? {}, config.HANDOFF_AGENTS ?? {}), new DatabaseAccounts(database));
  const audit = new DatabaseAuditTrail(database, logger);
  const staffAuth = new StaffAuth({
    accounts,
    sessions: stores.sessions,
    tokens: config.BACKOFFICE_TOKENS ?? {},
    sessionHours: config.AGENT_SESSION_HOURS,
    publicUrl: config.PUBLIC_URL,
    failures,
    audit,
  });
  registerStaffRoutes(server, staffAuth, localizer, { json, failures, signedOut: (name) => handoffs.signedOut(name) }, logger);
  registerAccountRoutes(server, staffAuth, accounts, json, logger);
  registerUnansweredRoutes(server, staffAuth, unanswered, json, logger);
  registerAnswerRoutes(server, staffAuth, answers, json, config.UPLOAD_LIMIT_BYTES, logger);
  registerAttachmentRoutes(server, staffAuth, attachments, logger);
  registerDashboardRoute(server, staffAuth, new DashboardService(database, now), now, logger);
  registerMetricsRoute(server, metrics, { token: config.METRICS_TOKEN, allow: config.METRICS_ALLOW, address }, logger);
  registerChatRoutes(server, staffAuth, handoffs, localizer, json, logger);
  registerBackofficeRoutes(server, staffAuth, cases, handoffs, { json, notify, holidays: new Set(config.HOLIDAYS), now, audit, subjects: new SubjectData({ cases, handoffs, transcripts, directLine, state: savedState, attachments, readable: (conversation) => soFar.readable(conversation) }), attachments }, logger);
  registerOutboxRoutes(server, staffAuth, notifications.outbox, logger);
  registerApplicationRoute(server, cases, links, localizer);
  const retention = new RetentionJob(
    [
      { what: 'closed cases anonymized', run: () => cases.anonymizeClosedBefore(config.CASE_RETENTION_DAYS) },
      // An upload that became no case's material goes when its conversation would.
      { what: 'uploads of no case deleted', run: () => attachments.expireUnattached(new Date(now().getTime() - config.CONVERSATION_STATE_TTL_DAYS * 86_400_000)) },
    ],
    3600_000,
    logger,
  );

  // Another instance's published answer reaches this one within ANSWERS_POLL_MS; a retrained model when announced.
  const timers: NodeJS.Timeout[] = [];
  const learning = {
    start: () => {
      const refreshAnswers = () => answers.refresh().catch((err: unknown) => logger.debug({ err }, 'answers not refreshed'));
      void refreshAnswers();
      retraining.start().catch((err: unknown) => logger.warn({ err }, 'retrained NLU model not loaded at start-up'));
      const loadModel = () => retraining.load().catch((err: unknown) => logger.debug({ err }, 'retrained NLU model not looked for'));
      timers.push(setInterval(refreshAnswers, ANSWERS_POLL_MS).unref(), setInterval(loadModel, MODEL_POLL_MS).unref());
    },
    stop: async () => {
      timers.forEach(clearInterval);
      await retraining.stop();
    },
  };

  return {
    followUps,
    continueConversation: (reference, logic, inTurnOrder = true) => deliver(reference, logic, { inTurnOrder }),
    start: () =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          handoffs.start();
          retention.start();
          followUps.start(FOLLOW_UP_INTERVAL_MS);
          learning.start();
          outboxWorker.start();
          const { port } = server.address() as AddressInfo;
          resolve(`http://${config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST}:${port}`);
        });
      }),
    stop: async () => {
      readiness.shuttingDown();
      handoffs.stop();
      retention.stop();
      followUps.stop();
      await learning.stop();
      await outboxWorker.stop();
      notifications.close();
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      stream.close();
      if (!(await inflight.drain(config.SHUTDOWN_TIMEOUT_MS))) logger.warn({ turns: inflight.size }, 'shutdown timed out with turns in flight');
      server.server.closeAllConnections();
      await closed;
      await stores.close();
      await Promise.all([turnStats.flush(), funnel.flush()]);
      await database.close();
    },
  };
}
