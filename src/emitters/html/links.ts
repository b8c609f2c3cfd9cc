/**
 * Pages sit side by side in `html/`, so the pipeline's `<slug>.html#part`
 * links work as they are. What can still break is the part after `#`: this
 * checks every link to another note or within the note against the ids the
 * target page really has, and reports the ones that lead nowhere.
 */
import type {QuireDocument} from '../../model.js'
import type {EmitterContext} from '../types.js'
import {collectIds} from '../../pipeline/ids.js'

/** The file name of a note's page, relative to the other pages. */
export function pageFile(slug: string): string {
  return `${slug}.html`
}

type Report = EmitterContext['report']

export class LinkChecker {
  private readonly bySlug: ReadonlyMap<string, QuireDocument>
  private readonly ids = new Map<string, Set<string>>()

  constructor(documents: readonly QuireDocument[]) {
    this.bySlug = new Map(documents.map((doc) => [doc.slug, doc]))
  }

  /** Report links of `doc` whose page or fragment does not exist (warnings: the page is still written). */
  check(doc: QuireDocument, report: Report): void {
    for (const link of doc.links) {
      if (link.kind === 'external') continue
      const place = {line: link.line, column: link.column}
      const target = link.kind === 'note' ? this.bySlug.get(link.target ?? '') : doc
      if (!target) {
        report(doc, `Linked note has no page (it did not build): ${link.url}`, {ruleId: 'html-missing-page', severity: 'warning', ...place})
        continue
      }
      if (!link.fragment) continue
      if (!this.idsOf(target).has(link.fragment)) {
        const where = target === doc ? 'this note' : target.relativePath
        report(doc, `Link target \`#${link.fragment}\` not found in ${where}`, {ruleId: 'html-missing-fragment', severity: 'warning', ...place})
      }
    }
  }

  private idsOf(doc: QuireDocument): Set<string> {
    let ids = this.ids.get(doc.slug)
    if (!ids) {
      ids = collectIds(doc.hast)
      this.ids.set(doc.slug, ids)
    }
    return ids
  }
}
