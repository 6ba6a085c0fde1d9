import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

// Every value stays a string (a numeric-looking OpenID or MsgId must not become a lossy number);
// no attributes, no DOCTYPE (refused below, so no entity expansion): WeChat's XML is a flat <xml> of elements.
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: true, htmlEntities: false, trimValues: false, ignoreDeclaration: true });
const builder = new XMLBuilder({ cdataPropName: '#cdata', suppressEmptyNode: false });

/** The fields of a WeChat `<xml>` document, or undefined when the body is not one. */
export function parseXml(body: string): Record<string, unknown> | undefined {
  if (!body.trim() || /<!DOCTYPE|<!ENTITY/i.test(body) || XMLValidator.validate(body) !== true) return undefined;
  const parsed = parser.parse(body) as { xml?: unknown };
  return typeof parsed.xml === 'object' && parsed.xml !== null ? (parsed.xml as Record<string, unknown>) : undefined;
}

/** A WeChat `<xml>` document: strings in CDATA (as WeChat writes them), numbers as they are. */
export function buildXml(fields: Record<string, string | number>): string {
  const xml = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, typeof value === 'number' ? value : { '#cdata': value }]));
  return builder.build({ xml }) as string;
}
