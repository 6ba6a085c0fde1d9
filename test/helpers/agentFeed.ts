/** Reads Server-Sent Events from an agent console feed until `until` matches one; returns its data. */
export async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, until: (event: string, data: { items?: { id: string }[] }) => boolean) {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('feed closed');
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data && until(event, JSON.parse(data))) return JSON.parse(data);
    }
  }
}
