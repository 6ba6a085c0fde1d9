import type * as FastXml from 'fast-xml-parser';

let xml: { parser: FastXml.XMLParser; builder: FastXml.XMLBuilder; validator: typeof FastXml.XMLValidator } | undefined;

/** Made on the first WeChat message: a server without WeChat never loads the parser. */
function fastXml(): NonNullable<typeof xml> {
  if (xml) return xml;
  const { XMLBuilder, XMLParser, XMLValidator } = require('fast-xml-parser') as typeof FastXml;
  // Every value stays a string (a numeric-looking OpenID or MsgId must not become a lossy number);
  // no attributes, no DOCTYPE (refused below, so no entity expansion): WeChat's XML is a flat <xml> of elements.
  const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: true, htmlEntities: false, trimValues: false, ignoreDeclaration: true });
  xml = { parser, builder: new XMLBuilder({ cdataPropName: '#cdata', suppressEmptyNode: false }), validator: XMLValidator };
  return xml;
}

/** The fields of a WeChat `<xml>` document, or undefined when the body is not one. */
export function parseXml(body: string): Record<string, unknown> | undefined {
  const { parser, validator } = fastXml();
  if (!body.trim() || /<!DOCTYPE|<!ENTITY/i.test(body) || validator.validate(body) !== true) return undefined;
  const parsed = parser.parse(body) as { xml?: unknown };
  return typeof parsed.xml === 'object' && parsed.xml !== null ? (parsed.xml as Record<string, unknown>) : undefined;
}

/** A WeChat `<xml>` document: strings in CDATA (as WeChat writes them), numbers as they are. */
export function buildXml(fields: Record<string, string | number>): string {
  const document = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, typeof value === 'number' ? value : { '#cdata': value }]));
  return fastXml().builder.build({ xml: document }) as string;
}
