import { ActivityTypes, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { maskCardNumbers } from '../../pii/cardNumbers';
import { stripMarkdown } from './markdown';
import { splitByBytes } from './split';

/** What a batch of the bot's activities becomes in WeChat: text messages, and the choices a number picks. */
export interface Rendered {
  texts: string[];
  /** The last message's suggested actions, in the order they were numbered (what each number sends). */
  choices: string[];
}

export interface RenderOptions {
  maxBytes: number;
  /** The line under numbered choices ("reply with a number"), in the message's language. */
  chooseHint: (locale: string | undefined) => string;
}

/**
 * WeChat has no buttons in a text message: the batch's messages become one text (Markdown stripped,
 * cards as text, card numbers masked), the last message's suggested actions a numbered list, and
 * the whole split within WeChat's size limit. Few messages matter: WeChat allows only a handful of
 * customer-service messages per message of the user.
 */
export function renderActivities(activities: Partial<Activity>[], options: RenderOptions): Rendered {
  const messages = activities.filter((a) => a.type === ActivityTypes.Message);
  const parts: string[] = [];
  let choices: string[] = [];
  for (const activity of messages) {
    const text = [activity.text ?? '', ...(activity.attachments ?? []).map(attachmentText)].filter(Boolean).join('\n\n');
    if (text) parts.push(activity.textFormat === 'plain' ? text : stripMarkdown(text));
    const actions = choiceActions([...(activity.suggestedActions?.actions ?? []), ...(activity.attachments ?? []).flatMap(cardButtons)]);
    choices = actions.map(actionValue);
    if (actions.length) parts.push(`${actions.map((action, i) => `${i + 1}. ${action.title ?? actionValue(action)}`).join('\n')}\n${options.chooseHint(activity.locale)}`);
  }
  const whole = maskCardNumbers(parts.join('\n\n'));
  return { texts: whole ? splitByBytes(whole, options.maxBytes) : [], choices };
}

/** A reply that is only a number picks that choice; anything else is the user's own words. */
export function pickChoice(text: string, choices: readonly string[]): string | undefined {
  const number = /^\s*([0-9０-９]{1,2})\s*$/.exec(text)?.[1]?.normalize('NFKC');
  return number ? choices[Number(number) - 1] : undefined;
}

/** Buttons that send something back (a link is written into the text instead). */
function choiceActions(actions: CardAction[]): CardAction[] {
  return actions.filter((a) => a.type !== 'openUrl' && a.type !== 'downloadFile' && actionValue(a));
}

function actionValue(action: CardAction): string {
  return typeof action.value === 'string' && action.value ? action.value : (action.title ?? '');
}

interface CardContent {
  title?: string;
  subtitle?: string;
  text?: string;
  buttons?: CardAction[];
  body?: unknown[];
  actions?: { type?: string; title?: string; url?: string }[];
}

/** Hero, thumbnail and similar cards by their texts and links; Adaptive Cards by their text blocks; files by name and link. */
function attachmentText(attachment: Attachment): string {
  const content = (attachment.content ?? {}) as CardContent;
  if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
    const links = (content.actions ?? []).filter((a) => a.type === 'Action.OpenUrl' && a.url).map((a) => `${a.title ?? ''}: ${a.url}`);
    return [...adaptiveTexts(content.body ?? []), ...links].join('\n');
  }
  if (attachment.contentType.startsWith('application/vnd.microsoft.card.')) {
    const links = (content.buttons ?? []).filter((b) => b.type === 'openUrl').map((b) => `${b.title}: ${String(b.value)}`);
    return [content.title, content.subtitle, content.text, ...links].filter(Boolean).join('\n');
  }
  return [attachment.name, attachment.contentUrl?.startsWith('http') ? attachment.contentUrl : undefined].filter(Boolean).join(': ');
}

function cardButtons(attachment: Attachment): CardAction[] {
  if (!attachment.contentType.startsWith('application/vnd.microsoft.card.') || attachment.contentType.endsWith('.adaptive')) return [];
  return (attachment.content as CardContent | undefined)?.buttons ?? [];
}

function adaptiveTexts(elements: unknown[]): string[] {
  return elements.flatMap((element) => {
    const { type, text, items, columns, facts } = element as { type?: string; text?: string; items?: unknown[]; columns?: { items?: unknown[] }[]; facts?: { title: string; value: string }[] };
    if (type === 'TextBlock' && text) return [text];
    if (type === 'FactSet' && facts) return facts.map((f) => `${f.title}: ${f.value}`);
    if (items) return adaptiveTexts(items);
    if (columns) return columns.flatMap((c) => adaptiveTexts(c.items ?? []));
    return [];
  });
}
