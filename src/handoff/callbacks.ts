import { randomUUID } from 'node:crypto';
import { appendToList, type DocumentStore } from '../cases/documentStore';

/** "Please call me back": left when no agent can take the conversation, tied to the user's case if any. */
export interface CallbackRequest {
  id: string;
  createdAt: string;
  userId: string;
  language: string;
  mobile: string;
  message: string;
  caseReference?: string;
}

const ALL = 'callbacks/all';

/** The callback queue, oldest first, in any eTag store (memory or Redis). */
export class CallbackQueue {
  constructor(private readonly store: DocumentStore, private readonly now: () => Date = () => new Date()) {}

  async add(request: Omit<CallbackRequest, 'id' | 'createdAt'>): Promise<CallbackRequest> {
    const created: CallbackRequest = { ...request, id: randomUUID(), createdAt: this.now().toISOString() };
    await appendToList(this.store, ALL, 'requests', created);
    return created;
  }

  async list(): Promise<CallbackRequest[]> {
    return ((await this.store.read([ALL]))[ALL]?.requests as CallbackRequest[] | undefined) ?? [];
  }
}
