import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Card numbers at rest: AES-256-GCM with a random IV per value; the stored form is iv.tag.ciphertext (base64url). */
export class CardVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the card encryption key must be 32 bytes');
  }

  encrypt(cardNumber: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(cardNumber, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
