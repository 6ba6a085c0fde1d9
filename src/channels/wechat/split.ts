/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, at a paragraph, then a line, then a character. */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (Buffer.byteLength(rest) > maxBytes) {
    const head = prefixWithin(rest, maxBytes);
    const cut = lastBreak(head, '\n\n') ?? lastBreak(head, '\n') ?? head.length;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The longest prefix (whole code points) that fits. */
function prefixWithin(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/** Where to cut before the last separator, if it leaves at least half the piece (no tiny fragments). */
function lastBreak(head: string, separator: string): number | undefined {
  const at = head.lastIndexOf(separator);
  return at >= head.length / 2 ? at : undefined;
}
