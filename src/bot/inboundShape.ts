import type { Middleware, TurnContext } from 'botbuilder';

/** The activity fields the bot reads, with the type each must have. */
const SHAPE: Record<string, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  locale: (v) => typeof v === 'string',
  name: (v) => typeof v === 'string',
  textFormat: (v) => typeof v === 'string',
  attachments: (v) => Array.isArray(v) && v.every((a) => typeof a === 'object' && a !== null && typeof (a as { contentType?: unknown }).contentType === 'string'),
  membersAdded: (v) => Array.isArray(v) && v.every((m) => typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string'),
  channelData: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  entities: (v) => Array.isArray(v),
};
/** Listed once, not on every activity. */
const FIELDS = Object.entries(SHAPE);

/**
 * A channel's activity arrives as JSON that botbuilder checks only loosely: a `locale` that is an
 * array or a numeric `text` would throw deep inside a dialog (found by fuzzing: a 500). Fields of the
 * wrong type are dropped here, before anything reads them, as if the client had not sent them.
 */
export class InboundShape implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity as unknown as Record<string, unknown>;
    for (const [field, valid] of FIELDS) {
      if (activity[field] !== undefined && activity[field] !== null && !valid(activity[field])) delete activity[field];
    }
    await next();
  }
}
