/** A readiness check: resolves whether the part it watches can serve now (rejecting counts as not). */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** What `/readyz` reports: ready when not shutting down and every registered check passes. */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private stopping = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  shuttingDown(): void {
    this.stopping = true;
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const names = [...this.checks.keys()];
    const results = await Promise.all([...this.checks.values()].map(async (check) => Boolean(await Promise.resolve().then(check).catch(() => false))));
    const checks: Record<string, boolean> = { accepting: !this.stopping, ...Object.fromEntries(names.map((name, i) => [name, results[i]])) };
    return { ready: Object.values(checks).every(Boolean), checks };
  }
}
