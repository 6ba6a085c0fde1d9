import type { CaseRecord } from '../cases/caseService';
import { LANGUAGES } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { CHANNELS, type Channel } from './kinds';

/** The case event that records a merchant's "no more SMS" / "no more emails". */
export const OPT_OUT_EVENT = 'notifications_opted_out';

/** Longer messages say more than "stop": they go to the dialogs. */
const MAX_LENGTH = 30;

/** The channel a message asks to stop ("不要再发短信", "stop SMS"), in either language; undefined when it asks nothing of the kind. */
export function optOutRequest(text: string | undefined, localizer: Localizer): Channel | undefined {
  const said = compact(text ?? '');
  if (!said || said.length > MAX_LENGTH) return undefined;
  return CHANNELS.find((channel) =>
    LANGUAGES.some((lang) => (localizer.tree(lang, `notify:optOut.phrases.${channel}`) as string[]).some((phrase) => said.includes(compact(phrase)))),
  );
}

export function hasOptedOut(record: CaseRecord, channel: Channel): boolean {
  return record.events.some((event) => event.type === OPT_OUT_EVENT && event.data?.channel === channel);
}

function compact(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');
}
