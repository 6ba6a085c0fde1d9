/**
 * Reads until `done` holds for what was read, or `tries` more reads `ms` apart have not made it hold
 * (for what is written behind a request, such as counts and notices); the last read either way, for
 * the test to assert on.
 */
export async function readUntil<T>(read: () => Promise<T>, done: (value: NoInfer<T>) => boolean, { tries = 100, ms = 50 } = {}): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    value = await read();
  }
  return value;
}
