import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { LANGUAGES } from '../../src/i18n/language';
import { createLocalizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/paths';

const NAMESPACES = ['agent', 'application', 'bot', 'cancel', 'case', 'faq', 'handoff', 'notify', 'staff', 'status', 'widget'];
const brand = { brand: { 'zh-CN': '拉卡拉', en: 'Lakala' }, hotline: '95016', website: 'https://example.com' };

/** Every string of the locales with the names of its placeholders. */
function placeholderStrings(resources: Record<string, Record<string, object>>): [string, string, string[]][] {
  const found: [string, string, string[]][] = [];
  const walk = (node: object, path: string, lang: string, ns: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = path ? `${path}.${name}` : name;
      if (typeof value === 'string') {
        const names = [...value.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim());
        if (names.length) found.push([lang, `${ns}:${key}`, names]);
      } else if (value && typeof value === 'object' && !Array.isArray(value)) walk(value, key, lang, ns);
    }
  };
  for (const lang of LANGUAGES) for (const ns of NAMESPACES) walk(resources[lang][ns], '', lang, ns);
  return found;
}

describe('localizer', () => {
  const resources: Record<string, Record<string, object>> = {};
  for (const lang of LANGUAGES) {
    resources[lang] = {};
    for (const ns of NAMESPACES) resources[lang][ns] = JSON.parse(readFileSync(join(LOCALES_DIR, lang, `${ns}.json`), 'utf8'));
  }
  const plain = i18next.createInstance();
  void plain.init({ resources, initAsync: false, fallbackLng: 'zh-CN', supportedLngs: [...LANGUAGES], ns: NAMESPACES, defaultNS: 'bot', returnNull: false, interpolation: { escapeValue: false } });
  const localizer = createLocalizer(brand);
  const strings = placeholderStrings(resources);
  // Values a user may type (placeholders, nesting, replacement patterns) and numbers.
  const values = ['张三', 'a{{card}}b', '$&$1', 42, 'x $t(cancel:yes) y', '', '{{-brand}}', "O'Brien <b>"];

  it('fills variables as i18next does, in every string that has some', () => {
    expect(strings.length).toBeGreaterThan(50);
    strings.forEach(([lang, key, names], i) => {
      const variants = [
        Object.fromEntries(names.map((name, j) => [name, values[(i + j) % values.length]])),
        // A placeholder left without a value, and a variable the string does not use.
        { ...Object.fromEntries(names.slice(1).map((name) => [name, 'v'])), unused: 'u' },
      ];
      for (const vars of variants) {
        const expected = plain.getFixedT(lang)(key, { brand: brand.brand[lang as 'en'], hotline: brand.hotline, website: brand.website, ...vars });
        expect([key, localizer.t(lang as 'en', key, vars)]).toEqual([key, expected]);
      }
    });
  });

  it("names the key of a text it gives word for word, in either language, and not of one with values of its own", () => {
    const localizer = createLocalizer(brand);
    for (const lang of LANGUAGES) expect(localizer.keyOf(localizer.t(lang, 'cancel:fields.mobile'))).toEqual({ lang, key: 'cancel:fields.mobile' });
    const summary = localizer.t('zh-CN', 'cancel:summary', { fullName: '张三', card: '**** 5670', posSerial: 'LKL1', mobile: '138', email: '', receivedOn: '', reason: '', detail: '' });
    expect(localizer.keyOf(summary)).toBeUndefined();
    expect(localizer.keyOf(`${localizer.t('zh-CN', 'cancel:reason')} `)).toBeUndefined();
    // A published edit: its text is the key's from then on, the old one no longer.
    const before = localizer.t('zh-CN', 'cancel:reason');
    localizer.override('zh-CN', 'cancel:reason', '请问您为什么要注销？');
    expect(localizer.keyOf('请问您为什么要注销？')).toEqual({ lang: 'zh-CN', key: 'cancel:reason' });
    expect(localizer.keyOf(before)).toBeUndefined();
  });

  it('counts published edits, so that what was made of its texts is made again after one', () => {
    const localizer = createLocalizer(brand);
    const tree = localizer.tree('zh-CN', 'cancel:words.yes');
    const revision = localizer.revision;
    expect(localizer.tree('zh-CN', 'cancel:words.yes')).toBe(tree);
    localizer.override('zh-CN', 'cancel:reason', '请问您为什么要注销？');
    expect(localizer.revision).toBe(revision + 1);
    expect(localizer.tree('zh-CN', 'cancel:words.yes')).not.toBe(tree);
  });
});
