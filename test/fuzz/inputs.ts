import fc from 'fast-check';

/** Text a hostile or careless client sends: emoji, control characters, RTL marks, full-width digits, markup, huge. */
export const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom('\u202e', '\u200f', '\u0000', '\u0007', '\u001b', '\ud800', '１', '７', '<', '>', '&', '"', "'", '\n', '\t', '🙂', '👨‍👩‍👧', '中', '卡', ' '), maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '😀😀😀',
    '６２１２ ２６０２ ０００１ ２３４５ ６７０',
    '<script>alert(1)</script>',
    '<img src=x onerror="window.__pwned=1">',
    '[click me](javascript:alert(1))',
    '{{constructor.constructor("return process")()}}',
    '${process.exit(1)}',
    "'; DROP TABLE cases; --",
    '__proto__',
  ),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => '注'.repeat(n)),
);

const attachment = fc.record(
  {
    contentType: fc.oneof(fc.constantFrom('application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.hero', 'image/png', 'text/html'), fc.string()),
    content: fc.oneof(fc.jsonValue(), fc.record({ type: fc.constant('AdaptiveCard'), body: fc.array(fc.jsonValue(), { maxLength: 3 }), $schema: fc.string(), unexpected: fc.jsonValue() })),
    contentUrl: fc.oneof(fc.constantFrom('javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://169.254.169.254/latest/meta-data/'), fc.string()),
    name: nastyText,
  },
  { requiredKeys: [] },
);

/** Something shaped like an activity, with every field possibly missing, of the wrong type, or unknown. */
export const activityLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'message', 'message', 'event', 'typing', 'conversationUpdate', 'invoke', 'endOfConversation', 'unknownType', ''), fc.jsonValue()),
    text: fc.oneof(nastyText, nastyText, fc.jsonValue()),
    name: fc.oneof(fc.constantFrom('webchat/language', 'webchat/join', 'handoff.status', 'case/update', 'handoff/ended'), fc.string(), fc.jsonValue()),
    value: fc.jsonValue(),
    locale: fc.oneof(fc.constantFrom('zh-CN', 'en', 'ar', 'xx-invalid'), fc.string(), fc.jsonValue()),
    textFormat: fc.oneof(fc.constantFrom('plain', 'markdown', 'xml'), fc.jsonValue()),
    attachments: fc.oneof(fc.array(attachment, { maxLength: 12 }), fc.jsonValue()),
    channelData: fc.oneof(fc.record({ clientActivityID: fc.string() }), fc.jsonValue()),
    entities: fc.oneof(fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 3 }), fc.jsonValue()),
    from: fc.oneof(fc.record({ id: fc.string(), name: fc.string(), role: fc.constantFrom('bot', 'user', 'admin') }), fc.jsonValue()),
    replyToId: fc.oneof(fc.string(), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** A request body: mostly activity-like JSON, also any JSON at all, plain garbage and cut-off JSON. */
export const body = fc.oneof(
  { weight: 6, arbitrary: activityLike.map((a) => JSON.stringify(a)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: activityLike.map((a) => JSON.stringify(a).slice(0, -1)) },
);
