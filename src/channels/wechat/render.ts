import { ActivityTypes, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { maskCardNumbers } from '../../pii/cardNumbers';
import { stripMarkdown } from './markdown';
import { splitByBytes } from './split';

/** What a batch of the bot's activities becomes in WeChat: messages, and the choices a number picks. */
export interface Rendered<M> {
  messages: M[];
  /** The last message's suggested actions, in the order they were numbered (what each number sends). */
  choices: string[];
}

/** A WeCom menu message (msgmenu): a text, then items the customer taps; a tap sends the item's id back. */
export interface Menu {
  head?: string;
  items: { id: string; title: string }[];
}

/** What the bot sends in WeCom customer service: text messages and menus. */
export type WeComMessage = string | Menu;

export interface RenderOptions {
  maxBytes: number;
  /** The line under numbered choices ("reply with a number"), in the message's language. */
  chooseHint: (locale: string | undefined) => string;
}

/** WeCom's limits for msgmenu: its text, how many items, an item's id and its title (UTF-8 bytes). */
const MENU_HEAD_BYTES = 1024;
const MENU_ITEMS = 10;
const MENU_ID_BYTES = 64;
const MENU_TITLE_BYTES = 128;

/**
 * WeChat has no buttons in a text message: the batch's messages become one text (Markdown stripped,
 * cards as text, card numbers masked), the last message's suggested actions a numbered list, and
 * the whole split within WeChat's size limit. Few messages matter: WeChat allows only a handful of
 * customer-service messages per message of the user.
 */
export function renderTexts(activities: Partial<Activity>[], options: RenderOptions): Rendered<string> {
  const { texts, actions } = compose(activities, options, true);
  return { messages: texts, choices: actions.map(actionValue) };
}

/**
 * As renderTexts, but the last message's suggested actions become a WeCom menu whose items the customer
 * taps (the last text is its head when it fits); a tap answers with the item's id, the choice itself
 * when short enough, else its number. A typed number still picks.
 */
export function renderWithMenu(activities: Partial<Activity>[], options: RenderOptions): Rendered<WeComMessage> {
  const { texts, actions } = compose(activities, options, false);
  const choices = actions.map(actionValue);
  if (!choices.length) return { messages: texts, choices };
  const items = actions.slice(0, MENU_ITEMS).map((action, i) => ({
    id: Buffer.byteLength(choices[i]) <= MENU_ID_BYTES ? choices[i] : String(i + 1),
    title: splitByBytes(maskCardNumbers(action.title ?? choices[i]), MENU_TITLE_BYTES)[0] ?? String(i + 1),
  }));
  const head = texts.at(-1);
  if (head !== undefined && Buffer.byteLength(head) <= MENU_HEAD_BYTES) return { messages: [...texts.slice(0, -1), { head, items }], choices };
  return { messages: [...texts, { items }], choices };
}

/** The batch as split texts, the last message's actions numbered in them unless `numberLast` is false. */
function compose(activities: Partial<Activity>[], options: RenderOptions, numberLast: boolean): { texts: string[]; actions: CardAction[] } {
  const messages = activities.filter((a) => a.type === ActivityTypes.Message);
  const parts: string[] = [];
  let actions: CardAction[] = [];
  for (const [i, activity] of messages.entries()) {
    const text = [activity.text ?? '', ...(activity.attachments ?? []).map(attachmentText)].filter(Boolean).join('\n\n');
    if (text) parts.push(activity.textFormat === 'plain' ? text : stripMarkdown(text));
    actions = choiceActions([...(activity.suggestedActions?.actions ?? []), ...(activity.attachments ?? []).flatMap(cardButtons)]);
    if (actions.length && (numberLast || i < messages.length - 1)) {
      parts.push(`${actions.map((action, n) => `${n + 1}. ${action.title ?? actionValue(action)}`).join('\n')}\n${options.chooseHint(activity.locale)}`);
    }
  }
  const whole = maskCardNumbers(parts.join('\n\n'));
  return { texts: whole ? splitByBytes(whole, options.maxBytes) : [], actions };
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
