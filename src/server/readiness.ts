/** What `/readyz` reports: ready when not shutting down and every registered check passes. */
export class Readiness {
  private readonly checks = new Map<string, () => boolean>();
  private stopping = false;

  register(name: string, check: () => boolean): void {
    this.checks.set(name, check);
  }

  shuttingDown(): void {
    this.stopping = true;
  }

  report(): { ready: boolean; checks: Record<string, boolean> } {
    const checks: Record<string, boolean> = { accepting: !this.stopping };
    for (const [name, check] of this.checks) checks[name] = check();
    return { ready: Object.values(checks).every(Boolean), checks };
  }
}
