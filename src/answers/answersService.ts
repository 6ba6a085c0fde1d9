import type { Database } from '../db/database';
import { LANGUAGES, type Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import { FAQ_INTENTS } from '../nlu/intents';

/** Canned agent replies are `canned_1`, `canned_2`, … in the order of agent:canned in locales/. */
const CANNED = /^canned_(\d+)$/;

/** Where an answer's text lives in locales/: a FAQ answer by intent, or a canned reply by position. */
function keyOf(answer: string): string {
  const canned = CANNED.exec(answer);
  return canned ? `agent:canned.${Number(canned[1]) - 1}` : `faq:answers.${answer}.text`;
}

/** The placeholders every text may use; the configured values are filled in when it is shown. */
const PLACEHOLDERS = new Set(['brand', 'hotline', 'website']);

export class AnswerTextError extends Error {
  constructor(readonly problem: 'unknown' | 'missing' | 'hotline' | 'brand', readonly placeholder?: string) {
    super(`placeholder check failed: ${problem}${placeholder ? ` (${placeholder})` : ''}`);
  }
}
export class NoDraftError extends Error {}
export class UnknownVersionError extends Error {}

/**
 * Checks an edited text against its locales/ default: only known placeholders, every placeholder the
 * default uses kept, and no hotline number or brand written out where the placeholder belongs.
 */
export function checkPlaceholders(text: string, defaultText: string, literals: { hotline: string; brand: string[] }): void {
  const used = [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
  const unknown = used.filter((name) => !PLACEHOLDERS.has(name));
  if (unknown.length) throw new AnswerTextError('unknown', unknown[0]);
  // A written-out value first: it is the likeliest reason a placeholder went missing.
  if (text.includes(literals.hotline)) throw new AnswerTextError('hotline');
  if (literals.brand.some((name) => text.includes(name))) throw new AnswerTextError('brand');
  for (const [, name] of defaultText.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (!used.includes(name)) throw new AnswerTextError('missing', name);
  }
}

export interface AnswerVersion {
  id: number;
  text: string | null;
  savedBy: string;
  savedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

/**
 * Drafts, publication, history and rollback of the texts editors may change (every FAQ answer and every
 * canned agent reply); the published text overrides locales/ on every instance.
 */
export class AnswersService {
  private seen = 0;
  /** Every FAQ answer by intent, then the canned replies locales/ has. */
  readonly answers: readonly string[];

  constructor(
    private readonly database: Database,
    private readonly localizer: Localizer,
    private readonly literals: { hotline: string; brand: string[] },
  ) {
    const canned: string[] = [];
    while (localizer.defaultText(LANGUAGES[0], keyOf(`canned_${canned.length + 1}`)) !== undefined) canned.push(`canned_${canned.length + 1}`);
    this.answers = [...FAQ_INTENTS, ...canned];
  }

  /** Every answer in both languages: the default, the text in use and a newer draft. */
  async list() {
    const db = await this.database.db();
    const rows = await db.selectFrom('answer_versions').selectAll().orderBy('id').execute();
    return this.answers.map((answer) => ({
      answer,
      languages: Object.fromEntries(
        LANGUAGES.map((lang) => {
          const mine = rows.filter((r) => r.answer === answer && r.language === lang);
          const published = mine.filter((r) => r.published_at).at(-1);
          const draft = mine.filter((r) => !r.published_at && (!published || r.id > published.id)).at(-1);
          return [lang, { default: this.localizer.defaultText(lang, keyOf(answer)) ?? '', published: published && view(published), draft: draft && view(draft) }];
        }),
      ),
    }));
  }

  /** The text as a reply would show it (placeholders filled), once it passes the placeholder check. */
  preview(answer: string, lang: Language, text: string): string {
    checkPlaceholders(text, this.localizer.defaultText(lang, keyOf(answer)) ?? '', this.literals);
    return this.localizer.fill(lang, text);
  }

  async saveDraft(answer: string, lang: Language, text: string, by: string): Promise<AnswerVersion> {
    checkPlaceholders(text, this.localizer.defaultText(lang, keyOf(answer)) ?? '', this.literals);
    const db = await this.database.db();
    return view(await db.insertInto('answer_versions').values({ answer, language: lang, text, saved_by: by }).returningAll().executeTakeFirstOrThrow());
  }

  /** Publishes the newest draft (as a new version, so versions are published in id order). */
  async publish(answer: string, lang: Language, by: string): Promise<AnswerVersion> {
    const db = await this.database.db();
    const draft = await db.selectFrom('answer_versions').selectAll().where('answer', '=', answer).where('language', '=', lang).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!draft || draft.published_at) throw new NoDraftError('no draft newer than the published text');
    return this.publishText(answer, lang, draft.text, by);
  }

  /** Publishes an earlier version's text again (or, with version 0, the locales/ default). */
  async rollback(answer: string, lang: Language, version: number, by: string): Promise<AnswerVersion> {
    if (!version) return this.publishText(answer, lang, null, by);
    const db = await this.database.db();
    const old = await db.selectFrom('answer_versions').selectAll().where('id', '=', version).where('answer', '=', answer).where('language', '=', lang).executeTakeFirst();
    if (!old) throw new UnknownVersionError(`no version ${version}`);
    return this.publishText(answer, lang, old.text, by);
  }

  private async publishText(answer: string, lang: Language, text: string | null, by: string): Promise<AnswerVersion> {
    const db = await this.database.db();
    const row = await db
      .insertInto('answer_versions')
      .values({ answer, language: lang, text, saved_by: by, published_by: by, published_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.refresh();
    return view(row);
  }

  /** The text in use of every answer and language, for export. */
  async textsInUse(): Promise<{ answer: string; language: Language; text: string }[]> {
    return (await this.list()).flatMap((item) =>
      LANGUAGES.map((lang) => {
        const entry = item.languages[lang];
        return { answer: item.answer, language: lang, text: entry.published?.text ?? entry.default };
      }),
    );
  }

  /** Saves each row as a draft; rows naming no answer or language, or failing the placeholder check, are reported. */
  async importDrafts(rows: { answer: string; language: string; text: string }[], by: string) {
    const errors: { row: number; problem: string; placeholder?: string }[] = [];
    let drafts = 0;
    for (const [i, row] of rows.entries()) {
      const number = i + 2; // the header is row 1
      if (!this.answers.includes(row.answer) || !(LANGUAGES as readonly string[]).includes(row.language)) errors.push({ row: number, problem: 'unknownAnswer' });
      else if (!row.text) errors.push({ row: number, problem: 'emptyText' });
      else {
        try {
          await this.saveDraft(row.answer, row.language as Language, row.text, by);
          drafts++;
        } catch (err) {
          if (!(err instanceof AnswerTextError)) throw err;
          errors.push({ row: number, problem: err.problem, placeholder: err.placeholder });
        }
      }
    }
    return { drafts, errors };
  }

  async history(answer: string, lang: Language): Promise<AnswerVersion[]> {
    const db = await this.database.db();
    return (await db.selectFrom('answer_versions').selectAll().where('answer', '=', answer).where('language', '=', lang).orderBy('id', 'desc').execute()).map(view);
  }

  /** Applies publications newer than the last seen (every instance polls). */
  async refresh(): Promise<void> {
    const db = await this.database.db();
    const rows = await db.selectFrom('answer_versions').selectAll().where('published_at', 'is not', null).where('id', '>', this.seen).orderBy('id').execute();
    for (const row of rows) {
      if (this.answers.includes(row.answer)) this.localizer.override(row.language, keyOf(row.answer), row.text ?? undefined);
      this.seen = Math.max(this.seen, Number(row.id));
    }
  }
}

function view(row: { id: number; text: string | null; saved_by: string; saved_at: Date; published_by: string | null; published_at: Date | null }): AnswerVersion {
  return {
    id: Number(row.id),
    text: row.text,
    savedBy: row.saved_by,
    savedAt: new Date(row.saved_at).toISOString(),
    publishedBy: row.published_by,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
  };
}
