import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** WeChat pads to multiples of 32 bytes (PKCS#7 with a 32-byte block), not AES's 16. */
const BLOCK = 32;

/**
 * Safe-mode message encryption shared by the Official Account and WeCom: AES-256-CBC with the key
 * base64(EncodingAESKey + "="), the IV its first 16 bytes, over random(16) + length(4, big-endian) +
 * message + receiver id (the AppID, or the CorpID for WeCom), padded as above.
 */
export class WeChatCipher {
  private readonly key: Buffer;

  constructor(encodingAesKey: string, private readonly receiverId: string) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (encodingAesKey.length !== 43 || this.key.length !== 32) throw new Error('an EncodingAESKey is 43 characters of base64');
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.receiverId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  /** The message, or an Error when it does not decrypt, is malformed or was meant for another receiver. */
  decrypt(encrypted: string): string {
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new Error('the encrypted message has a bad length');
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > BLOCK || pad > plain.length) throw new Error('the encrypted message has bad padding');
    const unpadded = plain.subarray(0, plain.length - pad);
    if (unpadded.length < 20) throw new Error('the encrypted message is too short');
    const length = unpadded.readUInt32BE(16);
    if (20 + length > unpadded.length) throw new Error('the encrypted message has a bad length field');
    if (unpadded.subarray(20 + length).toString('utf8') !== this.receiverId) throw new Error('the encrypted message is for another receiver');
    return unpadded.subarray(20, 20 + length).toString('utf8');
  }
}
