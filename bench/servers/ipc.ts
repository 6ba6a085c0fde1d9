/**
 * How a bench server talks to the bench (it runs as a forked child): it announces its port when it
 * listens, answers "memory" with its own process.memoryUsage(), taken after a GC when exposed, and
 * "cpu" with its process.cpuUsage() (every thread of the process: the main one, V8's helpers, workers).
 */
export function announce(port: number): void {
  process.on('message', (message) => {
    if (message === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ memory: process.memoryUsage() });
    } else if (message === 'cpu') {
      process.send?.({ cpu: process.cpuUsage() });
    }
  });
  process.send?.({ port });
}

export const PORT = Number(process.env.PORT ?? 0);
