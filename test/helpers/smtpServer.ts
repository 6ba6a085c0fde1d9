import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface LoopbackSmtp {
  port: number;
  /** The URL a sender uses (with the credentials this server requires). */
  url: string;
  received: ReceivedMail[];
  /** Resolves once `count` messages have arrived in all. */
  arrived(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that requires login (PLAIN/LOGIN) and keeps every message it accepts. */
export async function startSmtpServer(port = 0): Promise<LoopbackSmtp> {
  const user = 'notify';
  const pass = 'loopback-secret';
  const received: ReceivedMail[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = new SMTPServer({
    // Plain text on loopback only: no certificate to make, and the login still has to be right.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
          for (const w of waiting.filter((w) => received.length >= w.count)) w.resolve();
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://${user}:${pass}@127.0.0.1:${actualPort}`,
    received,
    arrived: (count) =>
      received.length >= count ? Promise.resolve(received) : new Promise((resolve) => waiting.push({ count, resolve: () => resolve(received) })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
