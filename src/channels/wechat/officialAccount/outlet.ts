import { normalizeLocale } from '../../../i18n/language';
import type { Localizer } from '../../../i18n/localizer';
import type { Logger } from '../../../log/logger';
import type { Address, Outlet } from '../adapter';
import { WeChatApiError } from '../apiClient';
import { inServiceWindow, type Contacts } from '../contacts';
import type { OfficialAccountApi } from './api';

/** Outside the window (45015) or out of messages for it (45047). */
const WINDOW_CLOSED = new Set([45015, 45047]);

export interface TemplateSettings {
  templateId: string;
  /** The template's field that carries the short notice (a `thing` field holds up to 20 characters). */
  field: string;
}

/**
 * Sends through the customer-service API while WeChat allows it; otherwise keeps the messages for
 * the user's next message and sends a template message telling them to write in (when a template is
 * configured), since WeChat does not deliver free text outside the window.
 */
export class OfficialAccountOutlet implements Outlet<string> {
  constructor(
    private readonly api: OfficialAccountApi,
    private readonly contacts: Contacts<string>,
    private readonly localizer: Localizer,
    private readonly template: TemplateSettings | undefined,
    private readonly logger: Logger,
  ) {}

  async send(address: Address, texts: string[]): Promise<void> {
    if (!inServiceWindow(await this.contacts.get(address.userId))) return this.holdBack(address, texts);
    for (const [i, text] of texts.entries()) {
      try {
        await this.api.sendText(address.userId, text);
      } catch (err) {
        if (err instanceof WeChatApiError && WINDOW_CLOSED.has(err.code)) return this.holdBack(address, texts.slice(i));
        throw err;
      }
    }
  }

  private async holdBack(address: Address, texts: string[]): Promise<void> {
    // One template until the user writes in: they read everything held back then.
    if (!(await this.contacts.hold(address.userId, texts))) return;
    if (!this.template) {
      this.logger.warn({ conversationId: address.conversationId }, 'WeChat message held back: outside the 48-hour window and no template configured');
      return;
    }
    const lang = normalizeLocale((await this.contacts.get(address.userId)).language) ?? 'zh-CN';
    await this.api.sendTemplate(address.userId, this.template.templateId, { [this.template.field]: this.localizer.t(lang, 'bot:wechat.templateNotice') });
  }
}
