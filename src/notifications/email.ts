import type * as Nodemailer from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  language: string;
}

export interface EmailSender {
  /** Resolves with the message id once the SMTP server accepted the message. */
  send(message: EmailMessage): Promise<{ id: string }>;
  close(): void;
}

/** Email over SMTP (nodemailer): `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` for TLS from the start. */
export class SmtpEmailSender implements EmailSender {
  private readonly transport;

  constructor(url: string, private readonly from: string, timeoutMs: number) {
    // Required here: a server without SMTP_URL never loads nodemailer.
    const { createTransport } = require('nodemailer') as typeof Nodemailer;
    // One connection per message (no pool): notifications are few, and a dead connection never lingers.
    this.transport = createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(message: EmailMessage): Promise<{ id: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: { 'Content-Language': message.language },
    });
    return { id: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
