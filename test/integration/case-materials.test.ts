import { AttachmentService } from '../../src/attachments/attachmentService';
import { startApp, type RunningApp } from '../helpers/app';
import { testDatabase } from '../helpers/database';
import { backofficeClient, submittedCase } from '../helpers/journey';

const REVIEWER = 'materials-reviewer-'.padEnd(40, 'm');

interface Listed {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

/**
 * Files a merchant sends while applying (or right after submitting) are the case's supporting
 * materials: the back office lists them with the case. Uploads of no case go with their conversation.
 */
describe('uploads during an application become the case\'s materials', () => {
  let running: RunningApp;
  let backoffice: ReturnType<typeof backofficeClient>;

  beforeAll(async () => {
    running = await startApp({ BACKOFFICE_TOKENS: `ops:${REVIEWER}` });
    backoffice = backofficeClient(running.url, REVIEWER);
  });
  afterAll(() => running?.stop());

  const upload = (conversation: { token: string; conversationId: string }, name: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/plain' }), name);
    return fetch(`${running.url}/v3/directline/conversations/${conversation.conversationId}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conversation.token}` },
      body: form,
    }).then((res) => res.status);
  };
  const download = (url: string) => fetch(`${running.url}${url}`, { headers: { Authorization: `Bearer ${REVIEWER}` } });

  it('lists what was sent while applying and just after with the case; the rest expires with its conversation', async () => {
    const merchant = await submittedCase(running.url, async (conversation) => {
      expect(await upload(conversation, '营业执照.txt', 'licence')).toBe(200);
    });
    expect(await upload(merchant, '补充说明.txt', 'more')).toBe(200);

    // Another merchant sends a file once the review of their case has begun: no longer its material.
    const stranger = await submittedCase(running.url);
    await backoffice('POST', `/cases/${stranger.reference}/review`, {});
    expect(await upload(stranger, 'later.txt', 'not material: the review has begun')).toBe(200);

    const record = (await backoffice('GET', `/cases/${merchant.reference}`)) as { attachments: Listed[] };
    expect(record.attachments.map((a) => a.name)).toEqual(['营业执照.txt', '补充说明.txt']);
    expect(record.attachments[0]).toMatchObject({ contentType: 'text/plain', size: 7, url: `/backoffice/attachments/${record.attachments[0].id}` });
    const listed = (await backoffice('GET', `/attachments?case=${merchant.reference}`)) as { case: string; attachments: Listed[] };
    expect(listed).toEqual({ case: merchant.reference, attachments: record.attachments });
    expect(await (await download(record.attachments[0].url)).text()).toBe('licence');
    expect(((await backoffice('GET', `/cases/${stranger.reference}`)) as { attachments: Listed[] }).attachments).toEqual([]);
    expect(await backoffice('GET', '/attachments')).toMatchObject({ error: { code: 'BadArgument' } });

    // The retention rule: uploads of no case are deleted once their conversation would have expired.
    const signed = (await merchantLog(stranger)).find((url) => url.includes('/attachments/'))!;
    const strayId = new URL(signed).pathname.split('/').at(-1)!;
    expect((await download(`/backoffice/attachments/${strayId}`)).status).toBe(200);
    const retention = new AttachmentService(testDatabase(), { filesPerConversation: 1, bytesPerConversation: 1, totalBytes: 1 }, async () => undefined);
    expect(await retention.expireUnattached(new Date(Date.now() - 3600_000))).toBe(0);
    expect(await retention.expireUnattached(new Date(Date.now() + 1000))).toBe(1);
    expect((await download(`/backoffice/attachments/${strayId}`)).status).toBe(404);
    for (const file of record.attachments) expect((await download(file.url)).status).toBe(200);
  }, 60_000);

  async function merchantLog(conversation: { token: string; conversationId: string }): Promise<string[]> {
    const res = await fetch(`${running.url}/v3/directline/conversations/${conversation.conversationId}/activities`, { headers: { Authorization: `Bearer ${conversation.token}` } });
    const { activities } = (await res.json()) as { activities: { attachments?: { contentUrl?: string }[] }[] };
    return activities.flatMap((a) => a.attachments ?? []).flatMap((a) => (a.contentUrl ? [a.contentUrl] : []));
  }
});
