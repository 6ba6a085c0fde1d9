import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import { LOCALES_DIR } from '../paths';
import { interpolate } from './interpolate';
import { LANGUAGES, type Language } from './language';

/** Per-language values every string may interpolate: {{brand}}, {{hotline}}, {{website}}. */
export interface BrandVariables {
  brand: Record<Language, string>;
  hotline: string;
  website: string;
}

export interface Localizer {
  t(lang: Language, key: string, vars?: Record<string, unknown>): string;
  /** A whole subtree (e.g. a namespace) with every string interpolated, for the web page. */
  tree(lang: Language, key: string): unknown;
  /** Replaces the text of "ns:path" (a published edit), or brings back the locales/ text (undefined). */
  override(lang: Language, key: string, text: string | undefined): void;
  /** The locales/ text of "ns:path", placeholders as written. */
  defaultText(lang: Language, key: string): string | undefined;
  /** `text` with the brand, hotline and website placeholders filled in, as a reply would show them (an editor's preview). */
  fill(lang: Language, text: string): string;
  /** Every string of a namespace as `tree` gives it (what compresses the bot's replies in storage). */
  strings(lang: Language, ns: string): string[];
  /** The language and key ("ns:path") of a string `t` gives without variables of its own, word for word. */
  keyOf(text: string): { lang: Language; key: string } | undefined;
  /** Counts the edits published: what is made of the texts (a list's pattern) holds while it stays the same. */
  readonly revision: number;
}

const NAMESPACES = ['agent', 'application', 'bot', 'cancel', 'case', 'faq', 'handoff', 'notify', 'staff', 'status', 'widget'] as const;

function loadResources(dir: string): Resource {
  const resources: Resource = {};
  for (const lang of LANGUAGES) {
    resources[lang] = {};
    for (const ns of NAMESPACES) {
      resources[lang][ns] = JSON.parse(readFileSync(join(dir, lang, `${ns}.json`), 'utf8'));
    }
  }
  return resources;
}

function defaultOf(resources: Resource, lang: Language, ns: string, path: string): string | undefined {
  let node: unknown = resources[lang]?.[ns];
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** i18next over locales/<lang>/<namespace>.json, with the brand variables filled in everywhere. */
export function createLocalizer(brand: BrandVariables, dir = LOCALES_DIR): Localizer {
  const instance: i18n = i18next.createInstance();
  const defaults = loadResources(dir);
  void instance.init({
    resources: structuredClone(defaults),
    initAsync: false,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'bot',
    returnNull: false,
    // Replies are Markdown for Web Chat, not HTML: escaping would show "&amp;" to the user.
    interpolation: { escapeValue: false },
  });
  const fixed = new Map<Language, TFunction>(LANGUAGES.map((l) => [l, instance.getFixedT(l)]));
  const common = (lang: Language) => ({ brand: brand.brand[lang], hotline: brand.hotline, website: brand.website });

  // Most strings have no variables of their own: translate each once (i18next costs about 8% of a turn).
  // Kept per language by key, so that a lookup (dozens a turn) builds no string of its own to hash.
  const plain = new Map<Language, Map<string, string>>(LANGUAGES.map((l) => [l, new Map()]));
  const trees = new Map<Language, Map<string, unknown>>(LANGUAGES.map((l) => [l, new Map()]));
  let revision = 0;
  const fill = (lang: Language, text: string): string => {
    const values: Record<string, string> = common(lang);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => values[name] ?? placeholder);
  };
  /** Every string without variables of its own, to its language and key: built when first asked, again after an edit. */
  let keys: Map<string, { lang: Language; key: string }> | undefined;
  /** The string without variables of its own (vars: none, or only a default value). */
  const cached = (lang: Language, key: string, vars?: Record<string, unknown>, defaultValue?: string): string => {
    const texts = plain.get(lang)!;
    const id = defaultValue ? `${key}\u0000${defaultValue}` : key;
    let text = texts.get(id);
    if (text === undefined) {
      text = fixed.get(lang)!(key, { ...common(lang), ...vars }) as string;
      texts.set(id, text);
    }
    return text;
  };
  return {
    t: (lang, key, vars) => {
      // No variables (an empty set too: form prompts pass one) or only a default value (labels that
      // may be missing) keeps a string cacheable.
      const names = vars === undefined ? 0 : Object.keys(vars).length;
      const defaultValue = names === 1 ? vars?.defaultValue : undefined;
      if (names && typeof defaultValue !== 'string') return interpolate(cached(lang, key), vars!) ?? (fixed.get(lang)!(key, { ...common(lang), ...vars }) as string);
      return cached(lang, key, vars, typeof defaultValue === 'string' ? defaultValue : undefined);
    },

    tree: (lang, key) => {
      const known = trees.get(lang)!;
      let tree = known.get(key);
      if (tree === undefined && !known.has(key)) known.set(key, (tree = Object.freeze(fixed.get(lang)!(key, { ...common(lang), returnObjects: true }) as unknown)));
      return tree;
    },
    override: (lang, key, text) => {
      const [ns, path] = key.split(':');
      const value = text ?? defaultOf(defaults, lang, ns, path);
      if (value === undefined) return;
      instance.addResource(lang, ns, path, value);
      for (const texts of plain.values()) texts.clear();
      for (const known of trees.values()) known.clear();
      keys = undefined;
      revision++;
    },
    fill,
    defaultText: (lang, key) => {
      const [ns, path] = key.split(':');
      return defaultOf(defaults, lang, ns, path);
    },
    strings(lang, ns) {
      return Object.keys(instance.getResourceBundle(lang, ns) ?? {}).flatMap((key) => leaves(this.tree(lang, `${ns}:${key}`)));
    },
    keyOf(text) {
      if (!keys) {
        keys = new Map();
        for (const lang of LANGUAGES) {
          for (const ns of NAMESPACES) {
            for (const [path, raw] of stringsByPath(instance.getResourceBundle(lang, ns))) {
              // The brand's placeholders filled in as `t` fills them (i18next for every string was a quarter
              // of a second); one with placeholders of its own, or nesting, never goes out as written.
              const rendered = fill(lang, raw);
              if (!/\{\{|\$t\(/.test(rendered) && !keys.has(rendered)) keys.set(rendered, { lang, key: `${ns}:${path}` });
            }
          }
        }
      }
      return keys.get(text);
    },
    get revision() {
      return revision;
    },
  };
}

/** A resource tree's strings with their dotted paths. */
function stringsByPath(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([part, child]) => stringsByPath(child, prefix ? `${prefix}.${part}` : part));
}

function leaves(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  return node && typeof node === 'object' ? Object.values(node).flatMap(leaves) : [];
}
