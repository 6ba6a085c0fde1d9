import type { Activity } from 'botbuilder';
import { maskCardNumbers, maskCardNumbersDeep } from '../../pii/cardNumbers';

/**
 * An activity as the conversation's log keeps it (read back by the widget for days): card numbers
 * masked in its text, its file names and its card taps, whoever sent it. Only a turn in progress
 * sees what the user typed.
 */
export function forTheLog(activity: Partial<Activity>): Partial<Activity> {
  return {
    ...activity,
    ...(activity.text === undefined ? {} : { text: maskCardNumbers(activity.text) }),
    ...(activity.value === undefined ? {} : { value: maskCardNumbersDeep(activity.value) }),
    ...(activity.attachments ? { attachments: activity.attachments.map((a) => (a.name === undefined ? a : { ...a, name: maskCardNumbers(a.name) })) } : {}),
  };
}
