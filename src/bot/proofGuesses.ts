import type { ProofGuesses } from '../../dialogs/status';
import type { RateCounter } from '../server/rateLimit';

/** Wrong proofs (card last 4, mobile) a case allows per hour, from anyone, before lookups by strangers stop. */
const PROOF_GUESSES_PER_HOUR = 5;

/** Wrong status-lookup proofs per case, in the shared counters (so across chats and instances). */
export function proofGuesses(counter: RateCounter): ProofGuesses {
  const key = (reference: string) => `proof:${reference}`;
  return {
    // Counters out of reach (Redis down) never lock anyone out; the lookup then fails on the case store anyway.
    exhausted: async (reference) => ((await counter.peek(key(reference)).catch(() => undefined))?.count ?? 0) >= PROOF_GUESSES_PER_HOUR,
    failed: async (reference) => void (await counter.hit(key(reference), 3_600_000).catch(() => undefined)),
  };
}
