import { setFlagsFromString } from 'node:v8';

// The V8 flags the server runs with: set at run time before any code they concern, or on the command line.

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
 * PGlite's WebAssembly compiled by V8's baseline compiler only: its optimizing tier kept 40-75 MB more
 * of the process resident (PGlite opened and queried alone: 126-167 MB against 169-242 MB) for queries
 * that take up to a third more CPU once warm, in the embedded database's thread, beside the turns of
 * the main one. The flag is the process's, set before the module is compiled (at open); the only other
 * WebAssembly is fetch's HTTP parser (outbound calls to WeChat and SMS providers).
 */
export function baselineWebAssembly(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * The young generation's cap, which V8 reads only when the process starts (set later, it changes
 * nothing): package.json's start script and the bench's server pass it on the command line. Under 100
 * concurrent users V8 grew its two semi-spaces to their 16 MB each, all of it resident; at 4 MB the
 * server's resident memory was 284-296 MB against 307-319 MB at 8 MB (3 runs each, alternating, quiet
 * machine), for about 12% more CPU per turn (more, shorter scavenges: an FAQ turn 0.78-0.87 ms against
 * 0.72-0.76 ms, a dialog turn 1.46-1.64 ms against 1.29-1.39 ms). 6 MB is rounded up to 8.
 */
export const NODE_FLAGS = ['--max-semi-space-size=4'];
