/** The query string of a WeChat callback (signature, timestamp, nonce, …). */
export type Query = Record<string, string>;

/** What a WeChat callback endpoint answers: XML or plain text for WeChat, a JSON error for anyone else. */
export interface Answer {
  status: number;
  body: string | { error: { code: string; message: string } };
}

export const refused = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } });

/** What WeChat expects when there is no passive reply: it shows the user nothing and does not retry. */
export const SUCCESS: Answer = { status: 200, body: 'success' };

/** A WeChat callback endpoint: URL verification on GET, signed XML on POST. */
export interface CallbackEndpoint {
  verifyUrl(query: Query): Answer;
  receive(query: Query, body: string): Promise<Answer>;
}
