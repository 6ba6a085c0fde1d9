import { ActivityTypes } from 'botbuilder';
import { titles } from '../helpers/bot';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

const en = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'en-US' });

describe('a reference number the merchant cannot give', () => {
  it('"my ref is pc2612 something i forgot" is offered a lookup by mobile and a person; the mobile finds the case, shown once its card\'s last 4 digits match', async () => {
    const { reference } = await submitCase({ mobile: '13711112222', owner: { userId: 'applied elsewhere', channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user: 'forgot the reference' });
    const offer = await c.send(en('my ref is pc2612 something i forgot'));
    expect(texts(offer)).toEqual([expect.stringMatching(/mobile number you applied with[\s\S]*a person can help/)]);
    expect(titles(offer[0])).toEqual(['Talk to a person']);
    expect(texts(await c.send(en('13711112222')))).toEqual([expect.stringMatching(/last 4 digits of the settlement bank card/)]);
    // The mobile just given proves nothing: only the card's digits do.
    expect(texts(await c.send(en('13711112222'))).join('\n')).not.toContain(reference);
    expect(texts(await c.send(en('1111')))[0]).toContain(reference);
  });

  it('a second unreadable reference offers the lookup by mobile and a person, not the same retry', async () => {
    const { reference } = await submitCase({ mobile: '13722223333', owner: { userId: 'applied on another device', channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user: 'new device' });
    await c.send(en('check my application'));
    expect(texts(await c.send(en('pc2612')))).toEqual([expect.stringMatching(/isn't valid/)]);
    const second = await c.send(en('pc2612'));
    expect(texts(second)).toEqual([expect.stringMatching(/still isn't a reference number[\s\S]*mobile number you applied with/)]);
    expect(titles(second[0])).toEqual(['Talk to a person']);
    expect(texts(await c.send(en('13722223333')))).toEqual([expect.stringMatching(/last 4 digits/)]);
    expect(texts(await c.send(en('1111')))[0]).toContain(reference);
  });

  it('a mobile with no application it may show says so and offers a person', async () => {
    const c = chat({}, undefined, { user: 'no such mobile' });
    await c.send(en('I lost my reference number'));
    const answer = await c.send(en('13733334444'));
    expect(texts(answer)).toEqual([expect.stringMatching(/couldn't find an application/)]);
    expect(titles(answer[0])).toEqual(['Talk to a person']);
  });
});
