import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets the old generation grow to up to four times what a full GC left live before the next one,
 * and keeps what it grew: under 100 concurrent users (a GC forced after each run) the heap stayed at
 * 180-240 MB for 65 MB live. At half again what was live, 107-138 MB, and the server's resident memory
 * 312-317 MB against 350-417 MB, with the CPU per turn within the noise of the same runs (1.8-2.9 ms
 * against 1.9-2.2 ms). Set at start, before the heap has grown: the factor is read at each full GC.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * The young generation's cap, which V8 reads only when the process starts (set later, it changes
 * nothing): package.json's start script and the bench's server pass it on the command line. Under 100
 * concurrent users V8 grew its two semi-spaces to their 16 MB each, all of it resident; at 4 MB the
 * server's resident memory was 287-303 MB against 313-321 MB (3 runs each, alternating), for 0-3% more
 * CPU per turn at the same throughput (3.3-4.4 ms against 3.6-4.4 ms): more, shorter scavenges.
 */
export const NODE_FLAGS = ['--max-semi-space-size=4'];
