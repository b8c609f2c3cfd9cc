/** The heading tree and the section tree, with each section's structured content. */
import type {Heading, Section} from '../../model.js'
import {sectionBlocks} from './blocks.js'
import {sectionMath} from './math.js'
import type {JsonHeading, JsonSection} from './shape.js'

export function toJsonHeadings(headings: readonly Heading[]): JsonHeading[] {
  return headings.map((heading) => ({
    id: heading.id,
    depth: heading.depth,
    text: heading.text,
    line: heading.line ?? null,
    children: toJsonHeadings(heading.children)
  }))
}

/** `math`: whether the note has any (its stats say), so a note without math is not searched for it. */
export function toJsonSections(sections: readonly Section[], math = true): JsonSection[] {
  return sections.map((section) => {
    const blocks = sectionBlocks(section.content)
    return {
      id: section.id ?? null,
      depth: section.depth,
      title: section.title,
      line: section.heading?.line ?? null,
      text: section.text,
      paragraphs: blocks.paragraphs,
      lists: blocks.lists,
      codeBlocks: blocks.codeBlocks,
      tables: blocks.tables,
      callouts: blocks.callouts,
      math: math ? sectionMath(section.content) : [],
      children: toJsonSections(section.children, math)
    }
  })
}
