/**
 * Parses WeCom's flat callback XML with fast-xml-parser. Documents with a DTD are refused
 * outright (no entity expansion, no external fetches), and entity processing is off, so
 * `&xxe;` stays inert text. Tag values stay strings: MsgId is 64-bit and must not become a float.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../shared/app-error.js';

export class XmlRejected extends AppError {
  constructor(reason: string) {
    super('callback.xml', reason);
  }
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
});

/** Returns the children of the root `<xml>` element as strings (nested elements as objects). */
export function parseWecomXml(xml: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlRejected('DTD or entity declarations are not allowed');
  if (XMLValidator.validate(xml) !== true) throw new XmlRejected('malformed XML');
  const doc = parser.parse(xml) as { xml?: unknown };
  if (!doc.xml || typeof doc.xml !== 'object') throw new XmlRejected('no <xml> root');
  return doc.xml as Record<string, unknown>;
}
