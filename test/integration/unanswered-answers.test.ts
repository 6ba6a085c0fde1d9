import { startApp, type RunningApp } from '../helpers/app';
import { readUntil } from '../helpers/eventually';
import { backofficeClient, submittedCase } from '../helpers/journey';

const EDITOR_TOKEN = 'editor-token-'.padEnd(40, 'e');

interface Group {
  text: string;
  outcome: string;
}

/**
 * The editors' inbox holds what the bot missed, not what merchants answered: a signature (a name) or
 * a reason in their own words goes to the question waiting for it, however the classifier scores it.
 */
describe('the unanswered inbox and answers to the bot questions', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ BACKOFFICE_TOKENS: `eddie:${EDITOR_TOKEN}:editor` });
  });
  afterAll(() => running?.stop());

  it('keeps a question the bot missed, and never the signature or the words given as a reason', async () => {
    // A whole application, signed with the name "张三"; then a message the bot cannot place.
    const { say } = await submittedCase(running.url);
    await say('plonk frobnicate wibble');
    // Another application, its reason in the merchant's own words.
    for (const text of ['我要注销POS机', '开始办理', '上个月', '其他原因', '店铺转让给了表哥王大锤经营']) await say(text);
    // The inbox is written behind each turn, never holding it up (a loaded machine may take a while).
    const inbox = async () => ((await backofficeClient(running.url, EDITOR_TOKEN)('GET', '/unanswered')) as { groups: Group[] }).groups.map((g) => g.text);
    const texts = await readUntil(inbox, (seen) => seen.includes('plonk frobnicate wibble'));
    expect(texts).toContain('plonk frobnicate wibble');
    expect(texts.filter((t) => /张三|王大锤/.test(t))).toEqual([]);
  });
});
