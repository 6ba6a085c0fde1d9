import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { envSchema, type Env } from './schema';

export interface Config extends Env {
  /** True when DIRECTLINE_SECRET was not configured and a random one was made for this process only. */
  directLineSecretGenerated: boolean;
  DIRECTLINE_SECRET: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError naming every bad variable (never echoing a value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PORT=` in .env) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')}: ${describe(issue)}`),
    );
  }
  const generated = !parsed.data.DIRECTLINE_SECRET;
  return {
    ...parsed.data,
    DIRECTLINE_SECRET: parsed.data.DIRECTLINE_SECRET ?? randomBytes(48).toString('base64url'),
    directLineSecretGenerated: generated,
  };
}

function describe(issue: { code: string; message: string; values?: unknown[]; expected?: unknown }): string {
  if (issue.code === 'invalid_value' && issue.values) return `must be one of ${issue.values.join(', ')}`;
  if (issue.code === 'invalid_type') return `must be a ${String(issue.expected)}`;
  return issue.message;
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
