import { ActivityTypes, type Activity, type TestAdapter } from 'botbuilder';

/** Messages as Web Chat sends them, in each language. */
export const zh = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'zh-CN' });
export const en = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'en-US' });

export type Flow = ReturnType<TestAdapter['send']>;

/** A valid (Luhn) settlement card number. */
export const CARD = '6212 2602 0001 2345 670';

/** From "I want to cancel" (in Chinese), started with `yes`, to the date question (its reply checked). */
export function toDate(start: TestAdapter | Flow, yes = '开始办理'): Flow {
  return start
    .send(zh('我要注销POS机'))
    .assertReply(() => undefined)
    .send(zh(yes))
    .assertReply((r) => expect(r.text).toMatch(/什么时候收到/));
}

/** From "I want to cancel" (in Chinese) through the date and `reason`, to the name question. */
export function toName(start: TestAdapter | Flow, reason = '经营变更'): Flow {
  return toDate(start)
    .send(zh('上个月'))
    .assertReply(() => undefined)
    .send(zh(reason))
    .assertReply(() => undefined)
    .assertReply((r) => expect(r.text).toMatch(/姓名/));
}

/** From the name question to the mobile number question (its reply checked). */
export function toMobile(flow: Flow): Flow {
  return flow
    .send(zh('李娜'))
    .assertReply(() => undefined)
    .send(zh(CARD))
    .assertReply(() => undefined)
    .send(zh('LKL12345678'))
    .assertReply((r) => expect(r.text).toMatch(/手机号/));
}

/**
 * From the card number question to the mobile number sent: the email question is the next reply. A
 * flow that goes on to submit gives a `serial` of its own: a terminal takes one open application.
 */
export function cardToEmail(flow: Flow, serial = 'LKL12345678'): Flow {
  return flow
    .send(zh(CARD))
    .assertReply(() => undefined)
    .send(zh(serial))
    .assertReply(() => undefined)
    .send(zh('13800138000'));
}

/** From the name question to the mobile number sent: the email question is the next reply. */
export function toEmail(flow: Flow): Flow {
  return cardToEmail(flow.send(zh('张三')).assertReply(() => undefined));
}

/** From the name question to the review, leaving the email out with `skip`; `review` checks the summary. */
export function toReview(flow: Flow, skip = '不用了', review = (r: Partial<Activity>) => expect(r.text).toMatch(/请核对您的申请信息/)): Flow {
  return toEmail(flow)
    .assertReply(() => undefined)
    .send(zh(skip))
    .assertReply(review);
}
