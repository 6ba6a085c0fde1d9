import { createHmac, timingSafeEqual } from 'node:crypto';

/** Links to a case's written application: signed, expiring, so only the person given the link can open it. */
export class ApplicationLinks {
  private readonly key: Buffer;

  /** `publicUrl`: PUBLIC_URL when set; otherwise links use the host the user reached the server on (`fallbackUrl` when unknown). */
  constructor(secret: string, private readonly publicUrl: string | undefined, private readonly fallbackUrl: string, private readonly ttlSeconds = 30 * 24 * 3600, private readonly now = () => Date.now()) {
    // A key of its own, derived from the secret, so a Direct Line token can never pass for a link.
    this.key = createHmac('sha256', secret).update('application-link').digest();
  }

  private signature(reference: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${reference}\n${expires}`).digest('base64url');
  }

  linkFor(reference: string, origin?: string): string {
    const expires = Math.floor(this.now() / 1000) + this.ttlSeconds;
    return `${this.publicUrl ?? origin ?? this.fallbackUrl}/cases/${reference}/application?expires=${expires}&sig=${this.signature(reference, expires)}`;
  }

  verify(reference: string, expires: string | undefined, signature: string | undefined): boolean {
    if (!expires || !signature || !/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < this.now()) return false;
    const expected = Buffer.from(this.signature(reference, Number(expires)));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
