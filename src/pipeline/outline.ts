/**
 * The heading tree and the section tree of a note, read from the final mdast
 * (after every transform, user plugins included).
 */
import type {Heading as MdastHeading, Root, RootContent} from 'mdast'
import type {Heading, Section} from '../model.js'
import {headingText} from './heading-text.js'
import {plainText} from './plain-text.js'

interface MutableHeading {
  id: string
  depth: Heading['depth']
  text: string
  line?: number | undefined
  children: MutableHeading[]
}

interface MutableSection {
  heading?: Heading | undefined
  depth: number
  id?: string | undefined
  title: string
  content: RootContent[]
  text: string
  children: MutableSection[]
}

function headingOf(node: MdastHeading): MutableHeading {
  const props = node.data?.hProperties as {id?: unknown} | undefined
  return {
    id: typeof props?.id === 'string' ? props.id : '',
    depth: node.depth,
    text: headingText(node),
    line: node.position?.start.line,
    children: []
  }
}

/** Nest each heading under the nearest preceding shallower heading. */
export function headingTree(tree: Root): Heading[] {
  const roots: MutableHeading[] = []
  const stack: MutableHeading[] = []
  for (const node of tree.children) {
    if (node.type !== 'heading') continue
    const heading = headingOf(node)
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(heading)
    else roots.push(heading)
    stack.push(heading)
  }
  return roots
}

/**
 * Split the body into sections. The top level splits at the shallowest
 * heading depth; content (and deeper headings) before the first such heading
 * form the preamble, which exists only when it has content.
 */
export function sectionTree(tree: Root, title: string, headings: readonly Heading[]): Section[] {
  const flat = flatten(headings)
  let index = 0
  const minDepth = Math.min(7, ...flat.map((heading) => heading.depth))
  const preamble: MutableSection = {depth: 0, title, content: [], text: '', children: []}
  const top: MutableSection[] = []
  const stack: MutableSection[] = []

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = flat[index++]!
      const section: MutableSection = {heading, depth: node.depth, id: heading.id, title: heading.text, content: [], text: '', children: []}
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= node.depth) stack.pop()
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(section)
      else if (node.depth === minDepth) top.push(section)
      else preamble.children.push(section)
      stack.push(section)
    } else {
      const owner = stack[stack.length - 1] ?? preamble
      owner.content.push(node)
    }
  }
  const all = preamble.content.length > 0 || preamble.children.length > 0 ? [preamble, ...top] : top
  for (const section of all) fillText(section)
  return all
}

function fillText(section: MutableSection): void {
  section.text = section.content
    .filter((node) => node.type !== 'footnoteDefinition')
    .map((node) => plainText(node))
    .filter(Boolean)
    .join('\n\n')
  for (const child of section.children) fillText(child)
}

export function flatten(headings: readonly Heading[]): Heading[] {
  const out: Heading[] = []
  const walk = (list: readonly Heading[]) => {
    for (const heading of list) {
      out.push(heading)
      walk(heading.children)
    }
  }
  walk(headings)
  return out
}

/**
 * The headings a table of contents lists (HTML contents, PDF bookmarks,
 * EPUB nav: one list). A heading with no text (`## ` alone) has nothing to
 * show or click: it has no entry, and its sub-headings take its place.
 */
export function contentsEntries(headings: readonly Heading[]): Heading[] {
  return headings.flatMap((heading) => (heading.text.trim() === '' ? contentsEntries(heading.children) : [{...heading, children: contentsEntries(heading.children)}]))
}
