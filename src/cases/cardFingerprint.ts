import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Recognizes the same card without keeping its number: an HMAC-SHA256 under a key derived (HKDF) from
 * the PII key, so the fingerprint says nothing to whoever lacks that key, and the key itself never
 * doubles as the encryption key.
 */
export class CardFingerprints {
  private readonly key: Buffer;

  constructor(piiKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', piiKey, Buffer.alloc(0), 'card-fingerprint', 32));
  }

  of(cardNumber: string): string {
    return createHmac('sha256', this.key).update(cardNumber).digest('base64url');
  }
}
