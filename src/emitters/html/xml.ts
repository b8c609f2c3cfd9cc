/**
 * A small XML writer for the Atom feed and the sitemap: elements with
 * attributes and either text or child elements, indented by two spaces.
 * Every value is escaped (`&`, `<`, `>`, quotes, so `]]>` never appears),
 * and characters XML 1.0 forbids (C0 controls but tab and line breaks,
 * lone surrogates, U+FFFE, U+FFFF) are dropped: a stray control character
 * in a note must not make the whole feed unreadable.
 */

export interface XmlElement {
  readonly name: string
  /** Attributes in the order written; undefined ones are left out. */
  readonly attributes?: Readonly<Record<string, string | undefined>> | undefined
  /** Text, or child elements (undefined ones are left out). */
  readonly children?: string | ReadonlyArray<XmlElement | undefined> | undefined
}

/** An element; children undefined are skipped, so optional parts read inline. */
export function x(name: string, attributes?: XmlElement['attributes'], children?: XmlElement['children']): XmlElement {
  return {name, attributes, children}
}

/** The document: XML declaration, the root element, a final line break. */
export function toXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, '')}\n`
}

function element(node: XmlElement, indent: string): string {
  const attributes = Object.entries(node.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('')
  const open = `${indent}<${node.name}${attributes}`
  const {children} = node
  if (typeof children === 'string') return children === '' ? `${open}/>` : `${open}>${escapeXml(children)}</${node.name}>`
  const elements = (children ?? []).filter((child): child is XmlElement => child !== undefined)
  if (elements.length === 0) return `${open}/>`
  return `${open}>\n${elements.map((child) => element(child, indent + '  ')).join('\n')}\n${indent}</${node.name}>`
}

/** Characters XML 1.0 does not allow, even as references. */
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text safe in element content and in a double- or single-quoted attribute. */
export function escapeXml(value: string): string {
  return value
    .replace(forbidden, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
