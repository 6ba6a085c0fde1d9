import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Sends "typing…" while a message turn runs longer than `delayMs`, then every `periodMs`.
 * Best effort: botbuilder's ShowTypingMiddleware reports a failed typing send through onTurnError on
 * a context that may already be revoked, which throws from a timer and kills the process (seen with
 * Redis frozen). Here a failed or late typing send is simply dropped.
 */
export class TypingIndicator implements Middleware {
  constructor(private readonly delayMs = 500, private readonly periodMs = 2000) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = (delay: number) => {
      timer = setTimeout(() => {
        if (finished) return;
        context.sendActivity({ type: ActivityTypes.Typing }).then(
          () => !finished && tick(this.periodMs),
          () => undefined,
        );
      }, delay);
    };
    tick(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
