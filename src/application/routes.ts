import type { Request, Response, Server } from 'restify';
import type { CaseService } from '../cases/caseService';
import { isFinal } from '../cases/lifecycle';
import { parseReference } from '../cases/reference';
import type { Localizer } from '../i18n/localizer';
import { queryOf, sendError } from '../server/http';
import type { ApplicationLinks } from './links';
import { renderApplication } from './page';

/** `GET /cases/:reference/application`: the printable written application, for holders of a signed link. */
export function registerApplicationRoute(server: Server, cases: CaseService, links: ApplicationLinks, localizer: Localizer): void {
  server.get('/cases/:reference/application', async (req: Request, res: Response) => {
    const reference = parseReference(String(req.params.reference));
    const { expires, sig } = queryOf(req);
    if (!reference || !links.verify(reference, expires, sig)) return sendError(res, 403, 'Forbidden', 'This link is invalid or has expired');
    const record = await cases.get(reference);
    if (!record) return sendError(res, 404, 'NotFound', 'No such application');
    // A closed or withdrawn case's application is no longer shown (its personal data is on its way out).
    if (isFinal(record.status)) return sendError(res, 410, 'Gone', 'This application is closed');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.sendRaw(200, renderApplication(record, localizer));
  });
}
