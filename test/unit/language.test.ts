import { languageOfText, normalizeLocale, parseLanguageSwitch, plainlyWrittenIn, resolveLanguage } from '../../src/i18n/language';

describe('language', () => {
  it.each([
    ['zh-CN', 'zh-CN'], ['zh', 'zh-CN'], ['zh-Hans-CN', 'zh-CN'], ['zh_TW', 'zh-CN'],
    ['en-US', 'en'], ['EN', 'en'], ['fr-FR', undefined], ['', undefined], [undefined, undefined],
  ])('normalizes locale %s to %s', (input, expected) => {
    expect(normalizeLocale(input)).toBe(expected);
  });

  it('a message is plainly in a language with three of its characters or words, and none when it mixes both', () => {
    expect(plainlyWrittenIn('审核要几天')).toBe('zh-CN');
    expect(plainlyWrittenIn('how long is the review')).toBe('en');
    expect(plainlyWrittenIn('how to find 机身号')).toBeUndefined();
    expect(plainlyWrittenIn('王芳')).toBeUndefined();
    expect(plainlyWrittenIn('我的 SN LKL12345678 在哪')).toBe('zh-CN');
  });

  it('guesses from the script of the text', () => {
    expect(languageOfText('我要注销pos机')).toBe('zh-CN');
    expect(languageOfText('cancel my terminal')).toBe('en');
    expect(languageOfText('hi')).toBe('en');
    // A serial, an email address, "ok": no words of a language.
    for (const text of ['LKLD0000001', 'lklg0007070', 'lilei@163.com', 'ok', 'OK!', '6212 2602', 'pos']) expect(languageOfText(text)).toBeUndefined();
    expect(languageOfText('12345 👍')).toBeUndefined();
  });

  it.each([
    ['English', 'en'], ['english please', 'en'], ['英文', 'en'], ['用英文！', 'en'],
    ['中文', 'zh-CN'], ['Chinese', 'zh-CN'], ['请说中文', 'zh-CN'], ['说中文', 'zh-CN'],
    // Asked for with a verb, as people type it.
    ['切换到中文', 'zh-CN'], ['换成中文吧', 'zh-CN'], ['改用中文', 'zh-CN'], ['请用中文回复', 'zh-CN'], ['switch to Chinese', 'zh-CN'],
    ['切换成英文', 'en'], ['Switch to English', 'en'], ['change to english please', 'en'], ['can you speak English?', 'en'],
    ['can u speak english', 'en'], ['how do i switch to chinese', 'zh-CN'], ['can we do this in chinese please', 'zh-CN'], ['do you speak english', 'en'], ['能换成英文吗', 'en'], ['可以换英文吗', 'en'],
    ['还是用中文吧', 'zh-CN'], ['能说中文吗', 'zh-CN'], ['你们能说中文吗', 'zh-CN'], ['你会讲英语吗', 'en'], ['您能不能用英文', 'en'], ['那就用英文', 'en'], ['请问可以说中文吗', 'zh-CN'], ['请问能用英文吗', 'en'], ['back to english pls', 'en'], ['go back to chinese', 'zh-CN'],
    ['can I answer in English?', 'en'], ['may I write in english', 'en'], ['I prefer Chinese', 'zh-CN'], ['我想用英文', 'en'], ['我能用英文回答吗', 'en'], ['可以用英文聊天吗', 'en'],
    ['can I cancel in English?', undefined], ['I prefer to cancel', undefined], ['我想用英文名字', undefined],
    // Not reading one language asks for the other.
    ['我看不懂英文', 'zh-CN'], ['看不懂中文', 'en'], ["I don't read Chinese", 'en'], ['i cant read chinese', 'en'], ["I can't understand English", 'zh-CN'],
    ['我看不懂', undefined], ["I don't understand", undefined], ['我不会填', undefined],
    ['I speak English but want to cancel', undefined], ['我要注销', undefined], ['切换到中文以后怎么注销', undefined], ['switch to a new terminal', undefined],
  ])('"%s" as a language switch is %s', (text, expected) => {
    expect(parseLanguageSwitch(text)).toBe(expected);
  });

  it('follows an explicit choice, then activity.locale, then the script, then the default', () => {
    expect(resolveLanguage({ chosen: 'en', activityLocale: 'zh-CN', text: '你好', defaultLocale: 'zh-CN' })).toBe('en');
    expect(resolveLanguage({ activityLocale: 'en-US', text: '你好', defaultLocale: 'zh-CN' })).toBe('en');
    expect(resolveLanguage({ activityLocale: 'de-DE', text: 'hello', defaultLocale: 'zh-CN' })).toBe('en');
    expect(resolveLanguage({ text: '😀', defaultLocale: 'en' })).toBe('en');
    expect(resolveLanguage({ defaultLocale: 'zh-CN' })).toBe('zh-CN');
  });
});
