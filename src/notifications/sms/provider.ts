/** One SMS through a provider's pre-approved template. */
export interface SmsMessage {
  /** A mainland mobile number, 11 digits. */
  mobile: string;
  templateCode: string;
  /** The template's variables, in order. */
  params: Array<[name: string, value: string]>;
  /** The whole text as the merchant should read it (printed by the `log` provider). */
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Resolves with the provider's id for the message; rejects when the provider did not accept it. */
  send(message: SmsMessage): Promise<{ id: string }>;
}

/** The provider answered, and said no (bad signature, template not approved, rate limit…). */
export class SmsRejectedError extends Error {
  constructor(readonly provider: string, readonly code: string, detail: string) {
    super(`${provider} refused the SMS: ${code} ${detail}`.trim());
    this.name = 'SmsRejectedError';
  }
}
