import { MessageFactory } from 'botbuilder';
import { WeChatCipher } from '../../src/channels/wechat/crypto';
import { stripMarkdown } from '../../src/channels/wechat/markdown';
import { pickChoice, renderTexts, renderWithMenu } from '../../src/channels/wechat/render';
import { sign, verifySignature, withinWindow } from '../../src/channels/wechat/signature';
import { splitByBytes } from '../../src/channels/wechat/split';
import { ACCOUNTS, decrypt, encrypt, signature } from '../helpers/wechat';

describe('WeChat message encryption', () => {
  const cipher = new WeChatCipher(ACCOUNTS.aesKey!, ACCOUNTS.appId);

  it('reads what WeChat encrypts, and WeChat reads what it encrypts', () => {
    for (const text of ['<xml><Content><![CDATA[你好]]></Content></xml>', '', 'x'.repeat(31), '注'.repeat(700)]) {
      expect(cipher.decrypt(encrypt(ACCOUNTS.aesKey!, ACCOUNTS.appId, text))).toBe(text);
      expect(decrypt(ACCOUNTS.aesKey!, cipher.encrypt(text))).toEqual({ message: text, receiverId: ACCOUNTS.appId });
    }
  });

  it('pads to 32-byte blocks as WeChat does', () => {
    // 16 random + 4 length + 12 text + 18 app id = 50 bytes, padded to 64.
    expect(Buffer.from(cipher.encrypt('twelve chars'), 'base64')).toHaveLength(64);
  });

  it('refuses another receiver, another key, and garbage', () => {
    expect(() => cipher.decrypt(encrypt(ACCOUNTS.aesKey!, 'wxSomeoneElse', 'hi'))).toThrow(/another receiver/);
    expect(() => cipher.decrypt(encrypt(ACCOUNTS.wecomAesKey, ACCOUNTS.appId, 'hi'))).toThrow();
    expect(() => cipher.decrypt('bm90IGVuY3J5cHRlZA==')).toThrow();
    expect(() => cipher.decrypt('')).toThrow();
    expect(() => new WeChatCipher('too-short', ACCOUNTS.appId)).toThrow(/43 characters/);
  });
});

describe('WeChat signatures', () => {
  it('is the SHA-1 of the sorted parts, compared case-insensitively', () => {
    expect(sign('token', '1409659813', '1372623149')).toBe(signature('token', '1409659813', '1372623149'));
    expect(verifySignature(sign('a', 'b', 'c').toUpperCase(), 'c', 'b', 'a')).toBe(true);
    expect(verifySignature(sign('a', 'b', 'c'), 'a', 'b', 'd')).toBe(false);
    expect(verifySignature(undefined, 'a')).toBe(false);
    expect(verifySignature('not-hex', 'a')).toBe(false);
  });

  it('accepts timestamps within the window only', () => {
    const now = 1_700_000_000_000;
    expect(withinWindow('1700000000', 300, now)).toBe(true);
    expect(withinWindow('1699999600', 300, now)).toBe(false);
    expect(withinWindow('1700000400', 300, now)).toBe(false);
    expect(withinWindow('17e8', 300, now)).toBe(false);
    expect(withinWindow(undefined, 300, now)).toBe(false);
  });
});

describe('WeChat text rendering', () => {
  const options = { maxBytes: 2048, chooseHint: (locale?: string) => (locale === 'en' ? '(Reply with a number.)' : '（回复序号）') };

  it('strips Markdown but keeps link targets and masked card numbers', () => {
    expect(stripMarkdown('单号 **PC-2026-ABC123**，[查看书面申请](https://bot.example.com/application/x?sig=1)')).toBe('单号 PC-2026-ABC123，查看书面申请: https://bot.example.com/application/x?sig=1');
    expect(stripMarkdown('卡号：**** **** **** 5670')).toBe('卡号：**** **** **** 5670');
    expect(stripMarkdown('# 标题\n> 引用 `代码` *斜体* 2*3*4 snake_case_name')).toBe('标题\n引用 代码 斜体 2*3*4 snake_case_name');
  });

  it('joins a turn into one text, numbers the last suggested actions, masks card numbers and keeps agents’ text as typed', () => {
    const rendered = renderTexts(
      [
        MessageFactory.text('好的，**张三**。'),
        { ...MessageFactory.text('卡号 6212 2602 0001 2345 670 *原样*'), textFormat: 'plain' },
        { ...MessageFactory.suggestedActions(['确认无误', '修改卡号'], '请核对'), locale: 'zh-CN' },
        { type: 'typing' },
      ],
      options,
    );
    expect(rendered.messages).toEqual(['好的，张三。\n\n卡号 **** **** **** 5670 *原样*\n\n请核对\n\n1. 确认无误\n2. 修改卡号\n（回复序号）']);
    expect(rendered.choices).toEqual(['确认无误', '修改卡号']);
    expect(pickChoice(' 2 ', rendered.choices)).toBe('修改卡号');
    expect(pickChoice('２', rendered.choices)).toBe('修改卡号');
    expect(pickChoice('3', rendered.choices)).toBeUndefined();
    expect(pickChoice('2 please', rendered.choices)).toBeUndefined();
  });

  it('writes cards as text: titles, texts, links, and their buttons as choices', () => {
    const hero = { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Refund', text: '99.00', buttons: [{ type: 'imBack', title: 'Accept', value: 'accept offer' }, { type: 'openUrl', title: 'Terms', value: 'https://x.example/terms' }] } };
    const adaptive = { contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text: 'Case PC-1' }, { type: 'FactSet', facts: [{ title: 'Status', value: 'approved' }] }] } };
    const rendered = renderTexts([{ type: 'message', attachments: [hero, adaptive], locale: 'en' }], options);
    expect(rendered.messages[0]).toBe('Refund\n99.00\nTerms: https://x.example/terms\n\nCase PC-1\nStatus: approved\n\n1. Accept\n(Reply with a number.)');
    expect(rendered.choices).toEqual(['accept offer']);
  });

  it('makes WeCom menus of the last suggested actions: the last text is their head when it fits, a long choice answers with its number and shows what fits', () => {
    const long = '确认'.repeat(40);
    const batch = [MessageFactory.text('好的，**张三**。'), { ...MessageFactory.suggestedActions(['确认无误', long], '请核对 6212 2602 0001 2345 670'), locale: 'zh-CN' }];
    const rendered = renderWithMenu(batch, options);
    expect(rendered.messages).toEqual([{ head: '好的，张三。\n\n请核对 **** **** **** 5670', items: [{ id: '确认无误', title: '确认无误' }, { id: '2', title: long.slice(0, 42) }] }]);
    expect(rendered.choices).toEqual(['确认无误', long]);
    // Beyond msgmenu's 1024-byte head the text goes first, the menu after it with no head.
    const wordy = renderWithMenu([MessageFactory.suggestedActions(['好'], '注'.repeat(400))], options);
    expect(wordy.messages).toEqual(['注'.repeat(400), { items: [{ id: '好', title: '好' }] }]);
    // No actions: the same texts as for the Official Account.
    expect(renderWithMenu([MessageFactory.text('你好')], options).messages).toEqual(['你好']);
  });

  it('splits long answers within the byte limit, at paragraphs, lines, then characters', () => {
    const paragraph = '注销'.repeat(100);
    const pieces = splitByBytes(`${paragraph}\n\n${paragraph}\n\n${paragraph}\n\n${paragraph}`, 2048);
    expect(pieces).toHaveLength(2);
    expect(pieces.every((p) => Buffer.byteLength(p) <= 2048)).toBe(true);
    expect(pieces.join('\n\n')).toBe(`${paragraph}\n\n${paragraph}\n\n${paragraph}\n\n${paragraph}`);
    const unbroken = '😀'.repeat(1000);
    const cut = splitByBytes(unbroken, 2048);
    expect(cut.map((p) => Buffer.byteLength(p))).toEqual([2048, 1952]);
    expect(cut.join('')).toBe(unbroken);
  });
});
