/**
 * A thread plan → the posts of each thread for one platform. Hooks and
 * summary posts list as many titles as fit; a sub-section gets one post
 * with as many of its key points as fit (`points: 'fit'`) or keeps every
 * point over as many posts as needed (`points: 'all'`).
 */
import type {Item, NotePlan, Point, SectionPlan} from './extract.js'
import {numberedThread, type BlockSource, type Numbering} from './number.js'
import type {Platform} from './platforms.js'
import {graphemeList} from './platforms.js'
import {ellipsis, joinTokens, largestFitting, tokenize, type Block, type Fits, type Line} from './split.js'

export interface Thread {
  /** The section's heading id, or `summary` for the whole note. */
  readonly id: string
  readonly kind: 'section' | 'summary'
  readonly title: string
  readonly link?: string | undefined
  readonly posts: readonly string[]
  /** URLs or other unbreakable tokens that were longer than a whole post and had to be cut. */
  readonly cut: readonly string[]
  readonly line?: number | undefined
}

export interface ComposeSettings {
  readonly split: 'section' | 'note'
  readonly numbering: Numbering
  readonly points: 'all' | 'fit'
  readonly hashtags: readonly string[]
  /** Page URL (with `#id` for a section) when `site.url` is configured. */
  link(sectionId?: string): string | undefined
}

const separator = ' · '

export function composeThreads(plan: NotePlan, platform: Platform, settings: ComposeSettings): Thread[] {
  const threads: Thread[] = []
  const fits = platform.fits
  if (settings.split === 'section') {
    for (const section of plan.sections) {
      const link = settings.link(section.id)
      const sources: BlockSource[] = [
        hook({
          title: `${plan.title}: ${section.title}`,
          covers: section.items.flatMap((item) => (item.title ? [item.title] : [])),
          link,
          hashtags: settings.hashtags
        }),
        ...(settings.points === 'fit'
          ? // A talk with nothing noted would be a post with only its title: the hook already names it.
            section.items.filter((item) => item.title === undefined || keyUnits(item.points).length > 0).map(fitBlock)
          : section.items.map(itemBlock))
      ]
      const packed = numberedThread(sources, fits, settings.numbering)
      threads.push({id: section.id, kind: 'section', title: section.title, link, posts: packed.posts, cut: packed.cut, line: section.line})
    }
  }
  const link = settings.link()
  const sources: BlockSource[] = [
    hook({
      title: plan.title,
      description: plan.description,
      covers: plan.sections.map((section) => {
        const count = titled(section).length
        return count > 0 ? `${section.title} (${count})` : section.title
      }),
      link,
      hashtags: settings.hashtags
    }),
    ...plan.sections.map((section) => sectionSummary(section)),
    ...(plan.sections.length === 0 ? [pointsBlock(withoutRepeat(plan.preamble, plan.description), false)] : []),
    ...(link ? [{lines: [{text: `Full notes: ${link}`}]}] : [])
  ]
  const packed = numberedThread(sources, fits, settings.numbering)
  const ids = new Set(threads.map((thread) => thread.id))
  let id = 'summary'
  while (ids.has(id)) id = `${id}-note`
  threads.push({id, kind: 'summary', title: plan.title, link, posts: packed.posts, cut: packed.cut})
  return threads
}

export function text(lines: readonly Line[]): string {
  return lines.map((line, index) => (index === 0 ? '' : line.sep ?? '\n') + (line.prefix ?? '') + line.text).join('')
}

const bullet = (point: Point) => (point.depth < 0 ? '' : `${'  '.repeat(Math.min(point.depth, 2))}${point.marker ?? '-'} `)

function pointLines(points: readonly Point[]): Line[] {
  return points.map((point, index) => {
    const previous = points[index - 1]
    const tight = point.tight === true || (previous !== undefined && previous.depth >= 0 && point.depth >= 0)
    const next = points[index + 1]
    const parent = (next !== undefined && point.depth >= 0 && next.depth > point.depth) || /:$/u.test(point.text)
    return {prefix: bullet(point), text: point.text, sep: tight ? '\n' : '\n\n', keepWithNext: parent}
  })
}

function heading(item: Item): string | undefined {
  if (!item.title) return undefined
  return [item.title, ...item.handles].join(' ')
}

function itemBlock(item: Item): Block {
  const head = heading(item)
  return {lines: [...(head ? [{text: head}] : []), ...pointLines(item.points)]}
}

/**
 * The key points of a sub-section for `points: 'fit'`: its top-level bullets
 * and paragraphs in order, without their nested bullets (details) and
 * without code summaries. A lead-in ending with `:` comes with the bullets
 * under it (a paragraph with the list after it), or without its colon when
 * it has none.
 */
function keyUnits(points: readonly Point[]): Point[][] {
  const units: Point[][] = []
  let index = 0
  while (index < points.length) {
    const point = points[index]!
    index++
    if (point.code || point.depth > 0) continue
    const lead = /:$/u.test(point.text)
    const children: Point[] = []
    // Nested bullets go with their bullet; a paragraph owns the list after it only when it leads into it with `:`.
    while ((point.depth >= 0 || lead) && index < points.length && points[index]!.depth > point.depth) {
      const child = points[index]!
      if (!child.code) children.push(child)
      index++
    }
    if (!lead) units.push([point])
    else if (children.length > 0) units.push([point, ...children])
    else {
      const text = point.text.replace(/\s*:$/u, '')
      if (text !== '') units.push([{...point, text}])
    }
  }
  return units
}

/**
 * `points: 'fit'`: one post for a sub-section: its title and handles, then
 * its key points in order, each one whole, as many as fit. When even the
 * first one does not fit whole, as much of it as fits: a lead-in with the
 * first bullets under it, or its first words and `…`.
 */
function fitBlock(item: Item): BlockSource {
  const head = heading(item)
  const units = keyUnits(item.points)
  return (fits: Fits) => {
    const build = (points: readonly Point[]): Line[] => [...(head ? [{text: head}] : []), ...pointLines(points)]
    const ok = (points: readonly Point[]) => fits(text(build(points)))
    // A title longer than a whole post: the packer cuts it, nothing else follows.
    if (head && !fits(head)) return {lines: build([]), single: true}
    let chosen: Point[] = []
    for (const unit of units) {
      if (!ok([...chosen, ...unit])) break
      chosen = [...chosen, ...unit]
    }
    if (chosen.length === 0 && units.length > 0) chosen = firstPart(units[0]!, ok)
    return {lines: build(chosen), single: true}
  }
}

/** The most of a key point that fits on its own: whole lines of a lead-in's bullets, else a shortened first line. */
function firstPart(unit: readonly Point[], ok: (points: readonly Point[]) => boolean): Point[] {
  const [lead, ...children] = unit
  if (!lead) return []
  for (let count = children.length - 1; count >= 1; count--) {
    const candidate = [lead, ...children.slice(0, count)]
    if (ok(candidate)) return candidate
  }
  const line = children.length > 0 ? {...lead, text: lead.text.replace(/\s*:$/u, '')} : lead
  if (line.text !== '' && ok([line])) return [line]
  const short = shortened(line.text, (value) => ok([{...line, text: value}]))
  return short === undefined ? [] : [{...line, text: short}]
}

/**
 * The longest prefix of whole words of `value`, followed by `…`, that `ok`
 * accepts; a single word too long for that is cut between grapheme
 * clusters, never a URL, mention or hashtag.
 */
function shortened(value: string, ok: (value: string) => boolean): string | undefined {
  const tokens = tokenize(value)
  const byTokens = (count: number) => joinTokens(tokens.slice(0, count)) + ellipsis
  const words = largestFitting(tokens.length - 1, (count) => ok(byTokens(count)))
  if (words > 0) return byTokens(words)
  const first = tokens[0]
  if (!first || first.atomic) return undefined
  const parts = graphemeList(first.text)
  const byGraphemes = (count: number) => parts.slice(0, count).join('') + ellipsis
  const graphemes = largestFitting(parts.length - 1, (count) => ok(byGraphemes(count)))
  return graphemes > 0 ? byGraphemes(graphemes) : undefined
}

function pointsBlock(points: readonly Point[], single: boolean): Block {
  return {lines: pointLines(points), single}
}

/** The preamble without its first paragraph when the hook already shows it as the description. */
function withoutRepeat(points: readonly Point[], description: string | undefined): readonly Point[] {
  return points[0] && points[0].depth < 0 && points[0].text === description ? points.slice(1) : points
}

function titled(section: SectionPlan): Item[] {
  return section.items.filter((item) => item.title !== undefined)
}

/** One post per top-level section: its sub-section titles, as many as fit. */
function sectionSummary(section: SectionPlan): BlockSource {
  const items = titled(section)
  if (items.length === 0) {
    const points = section.items.flatMap((item) => item.points)
    return {lines: [{text: section.title}, ...pointLines(points)], single: true}
  }
  return (fits: Fits) => {
    const build = (count: number): Line[] => [
      {text: section.title},
      ...items.slice(0, count).map((item, index) => ({prefix: '- ', text: heading(item)!, sep: index === 0 ? '\n\n' : '\n'})),
      ...(count < items.length ? [{text: `+${items.length - count} more`, sep: count === 0 ? '\n\n' : '\n'}] : [])
    ]
    let count = items.length
    while (count > 0 && !fits(text(build(count)))) count--
    return {lines: build(count), single: count > 0 || fits(text(build(0)))}
  }
}

interface HookParts {
  readonly title: string
  readonly description?: string | undefined
  readonly covers: readonly string[]
  readonly link?: string | undefined
  readonly hashtags: readonly string[]
}

/** The first post: title, what it covers (as much as fits), the link, hashtags. */
function hook(parts: HookParts): BlockSource {
  return (fits: Fits) => {
    const build = (description: string | undefined, covers: number, tags: boolean): Line[] => {
      const lines: Line[] = [{text: parts.title}]
      if (description) lines.push({text: description, sep: '\n\n'})
      if (covers > 0) {
        const listed = parts.covers.slice(0, covers)
        const more = parts.covers.length - covers
        lines.push({text: [...listed, ...(more > 0 ? [`+${more} more`] : [])].join(separator), sep: '\n\n'})
      }
      if (parts.link) lines.push({text: parts.link, sep: '\n\n'})
      if (tags && parts.hashtags.length > 0) lines.push({text: parts.hashtags.join(' '), sep: '\n\n'})
      return lines
    }
    const ok = (lines: Line[]) => fits(text(lines))
    const tags = ok(build(undefined, 0, true))
    const description = parts.description ? shorten(parts.description, (value) => ok(build(value, 0, tags))) : undefined
    let covers = parts.covers.length
    while (covers > 0 && !ok(build(description, covers, tags))) covers--
    return {lines: build(description, covers, tags)}
  }
}

/** The longest word prefix of `value` (with an ellipsis when shortened) that `ok` accepts. */
function shorten(value: string, ok: (value: string) => boolean): string | undefined {
  if (ok(value)) return value
  const words = value.split(' ')
  const prefix = (count: number) => words.slice(0, count).join(' ') + ellipsis
  const count = largestFitting(words.length - 1, (n) => ok(prefix(n)))
  return count > 0 ? prefix(count) : undefined
}
