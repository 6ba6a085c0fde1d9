import pino, { type Logger, type DestinationStream } from 'pino';
import { maskPiiDeep } from '../pii/mask';

export type { Logger };

/**
 * JSON logs. Authorization headers and secrets are redacted; message text is only ever
 * logged at debug level by callers, never at info.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      // Whatever a caller logs (debug-level text, error messages quoting input), card numbers are masked.
      formatters: { log: (record) => maskPiiDeep(record) },
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.secret', '*.token', 'secret', 'token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
