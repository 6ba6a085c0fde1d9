/**
 * How a bench server talks to the bench (it runs as a forked child): it announces its port when it
 * listens and answers "memory" with its own process.memoryUsage(), taken after a GC when exposed.
 */
export function announce(port: number): void {
  process.on('message', (message) => {
    if (message !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ memory: process.memoryUsage() });
  });
  process.send?.({ port });
}

export const PORT = Number(process.env.PORT ?? 0);
