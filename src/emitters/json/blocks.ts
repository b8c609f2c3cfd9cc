/**
 * The structured content of one section: its paragraphs, lists, code blocks
 * and tables, each in document order. Footnote definitions belong to the
 * whole note (see `footnotes.ts`), not to the section they are written in.
 */
import type {Code, RootContent, Table} from 'mdast'
import {plainText} from '../../pipeline/plain-text.js'
import {toJsonList} from './lists.js'
import type {JsonCodeBlock, JsonSection, JsonTable} from './shape.js'

export type SectionBlocks = Pick<JsonSection, 'paragraphs' | 'lists' | 'codeBlocks' | 'tables'>

export function sectionBlocks(content: readonly RootContent[]): SectionBlocks {
  const blocks: SectionBlocks = {paragraphs: [], lists: [], codeBlocks: [], tables: []}
  const walk = (node: RootContent, inList: boolean): void => {
    switch (node.type) {
      case 'paragraph': {
        // Paragraphs inside list items are already the items' text.
        const text = inList ? '' : plainText(node)
        if (text) blocks.paragraphs.push(text)
        return
      }
      case 'list':
        if (!inList) blocks.lists.push(toJsonList(node))
        for (const item of node.children) for (const child of item.children) walk(child, true)
        return
      case 'code':
        blocks.codeBlocks.push(toJsonCodeBlock(node))
        return
      case 'table':
        blocks.tables.push(toJsonTable(node))
        return
      case 'blockquote':
        for (const child of node.children) walk(child, inList)
        return
      default:
        // footnoteDefinition, html, thematicBreak, definition: not section content here.
        return
    }
  }
  for (const node of content) walk(node, false)
  return blocks
}

function toJsonCodeBlock(node: Code): JsonCodeBlock {
  return {
    lang: node.lang || null,
    meta: node.meta || null,
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
