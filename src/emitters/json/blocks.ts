/**
 * The structured content of one section: its paragraphs, lists, code blocks,
 * tables and callouts, each in document order. Footnote definitions belong
 * to the whole note (see `footnotes.ts`), not to the section they are
 * written in. A callout's content counts as a block quote's does (readers
 * that do not know callouts lose nothing) and is also in its callout, with
 * the callout's own nested ones.
 */
import type {Code, RootContent, Table} from 'mdast'
import type {Callout} from '../../pipeline/dialect-nodes.js'
import {plainText} from '../../pipeline/plain-text.js'
import {toJsonList} from './lists.js'
import type {JsonCallout, JsonCodeBlock, JsonSection, JsonTable} from './shape.js'

export type SectionBlocks = Pick<JsonSection, 'paragraphs' | 'lists' | 'codeBlocks' | 'tables' | 'callouts'>

export function sectionBlocks(content: readonly RootContent[]): SectionBlocks {
  const blocks: SectionBlocks = {paragraphs: [], lists: [], codeBlocks: [], tables: [], callouts: []}
  /** `inCallout`: the callout holding this node lists the callouts in it, the section does not. */
  const walk = (node: RootContent, inList: boolean, inCallout: boolean): void => {
    switch (node.type) {
      case 'paragraph': {
        // Paragraphs inside list items are already the items' text.
        const text = inList ? '' : plainText(node)
        if (text) blocks.paragraphs.push(text)
        return
      }
      case 'list':
        if (!inList) blocks.lists.push(toJsonList(node))
        for (const item of node.children) for (const child of item.children) walk(child, true, inCallout)
        return
      case 'code':
        blocks.codeBlocks.push(toJsonCodeBlock(node))
        return
      case 'table':
        blocks.tables.push(toJsonTable(node))
        return
      case 'blockquote':
        for (const child of node.children) walk(child, inList, inCallout)
        return
      case 'callout':
        if (!inCallout) blocks.callouts.push(toJsonCallout(node))
        for (const child of node.children.slice(1)) walk(child as RootContent, inList, true)
        return
      default:
        // footnoteDefinition, html, thematicBreak, definition: not section content here.
        return
    }
  }
  for (const node of content) walk(node, false, false)
  return blocks
}

function toJsonCallout(node: Callout): JsonCallout {
  const [title, ...content] = node.children
  const blocks = sectionBlocks(content)
  return {
    type: node.calloutType,
    name: node.name,
    title: plainText(title),
    foldable: node.foldable,
    open: node.open,
    line: node.position?.start.line ?? null,
    text: content.map((child) => plainText(child)).filter(Boolean).join('\n\n'),
    paragraphs: blocks.paragraphs,
    lists: blocks.lists,
    codeBlocks: blocks.codeBlocks,
    tables: blocks.tables,
    callouts: blocks.callouts
  }
}

function toJsonCodeBlock(node: Code): JsonCodeBlock {
  return {
    // Read from the info string once, by remark-code-info.
    lang: node.lang || null,
    meta: node.meta || null,
    title: node.data?.title || null,
    value: node.value,
    line: node.position?.start.line ?? null
  }
}

function toJsonTable(node: Table): JsonTable {
  const [head, ...body] = node.children.map((row) => row.children.map((cell) => plainText(cell)))
  const columns = Math.max(node.align?.length ?? 0, ...node.children.map((row) => row.children.length))
  return {
    align: Array.from({length: columns}, (_, index) => node.align?.[index] ?? null),
    header: head ?? [],
    rows: body,
    line: node.position?.start.line ?? null
  }
}
