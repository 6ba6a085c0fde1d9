/** Baseline 1: the ceiling of the HTTP stack, restify parsing the JSON body and answering a fixed reply. */
import restify, { type Request, type Response } from 'restify';
import { announce, PORT } from './ipc';

const REPLY = { activities: [{ type: 'message', text: 'ok' }] };
const server = restify.createServer({ name: 'bare' });
server.use(restify.plugins.jsonBodyParser());
server.post('/api/messages', async (_req: Request, res: Response) => {
  res.json(REPLY);
});
server.listen(PORT, '127.0.0.1', () => announce((server.address() as { port: number }).port));
