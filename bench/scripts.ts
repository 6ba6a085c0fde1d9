import { activity, type Turn } from './load';

/** The bot's apology for a failed turn, in either language: counted as an error. */
export const APOLOGY = /抱歉，系统刚才出了点问题|Sorry, something went wrong/;

/** FAQ questions in our own words (none is in the dev set). */
export const FAQ_QUESTIONS = ['注销流程是怎样的', '需要哪些材料', '审核需要几天', '退款怎么退给我', '怎么核对退款到账', '办理有时间限制吗', '要注销银行卡吗', '客服电话是多少'];

/** The cancellation dialog from its start to the summary, with what each reply must ask next. */
const DIALOG: [string, RegExp][] = [
  ['我要注销我的POS机', /现在开始填写申请吗/],
  ['开始办理', /什么时候收到/],
  ['上个月', /注销的原因/],
  ['设备故障', /姓名/],
  ['张三', /结算银行卡号/],
  ['6212 2602 0001 2345 670', /机身号/],
  ['LKL12345678', /手机号/],
  ['13800138000', /邮箱/],
  ['跳过', /请核对您的申请信息/],
];

const welcome = (conversation: string): Turn => ({
  activity: activity(conversation, { type: 'conversationUpdate', membersAdded: [{ id: `user-${conversation}` }], text: undefined }),
  measured: false,
});
const say = (conversation: string, text: string, measured: boolean, expect?: RegExp): Turn => ({
  activity: activity(conversation, { type: 'message', text }),
  measured,
  expect,
});

/** FAQ turns: a welcome, then questions (measured). */
export function faqScript(conversation: string): Turn[] {
  return [welcome(conversation), ...FAQ_QUESTIONS.map((q) => say(conversation, q, true))];
}

/**
 * The realistic sequence: welcome, an FAQ question, the cancellation dialog up to the summary (the
 * measured dialog turns), a status question.
 */
export function dialogScript(conversation: string): Turn[] {
  return [
    welcome(conversation),
    say(conversation, FAQ_QUESTIONS[2], false),
    ...DIALOG.map(([text, expect]) => say(conversation, text, true, expect)),
    say(conversation, '先不提交，我想问一下审核进度怎么查', false),
  ];
}

/** The dialog baseline's waterfall from its start to its last step, with what each reply must ask next. */
const SAMPLE_DIALOG: [string, RegExp][] = [
  ['hi', /How do you travel/],
  ['Bus', /Your name/],
  ['Alice', /give your age/],
  ['yes', /Your age/],
  ['30', /Is this right/],
  ['yes', /Saved/],
];

/** The dialog baseline's conversation, in English (its prompts' words): a welcome, then its whole waterfall (measured). */
export function sampleDialogScript(conversation: string): Turn[] {
  const inEnglish = (turn: Turn): Turn => ({ ...turn, activity: { ...turn.activity, locale: 'en-US' } });
  return [welcome(conversation), ...SAMPLE_DIALOG.map(([text, expect]) => say(conversation, text, true, expect))].map(inEnglish);
}

/** The same message turns for the baselines (which answer anything). */
export function baselineScript(conversation: string): Turn[] {
  return [welcome(conversation), ...FAQ_QUESTIONS.map((q) => say(conversation, q, true))];
}
