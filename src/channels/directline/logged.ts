import type { Activity } from 'botbuilder';
import { maskPii, maskPiiDeep } from '../../pii/mask';

/**
 * An activity as the conversation's log keeps it (read back by the widget for days): card numbers
 * and secrets (a PIN, an SMS code) masked in its text, its file names and its card taps, whoever
 * sent it. Only a turn in progress sees what the user typed.
 */
export function forTheLog(activity: Partial<Activity>): Partial<Activity> {
  return {
    ...activity,
    ...(activity.text === undefined ? {} : { text: maskPii(activity.text) }),
    ...(activity.value === undefined ? {} : { value: maskPiiDeep(activity.value) }),
    ...(activity.attachments ? { attachments: activity.attachments.map((a) => (a.name === undefined ? a : { ...a, name: maskPii(a.name) })) } : {}),
  };
}
