/**
 * Mermaid diagrams rendered to SVG at build time, in a headless Chromium
 * page that loads mermaid's browser bundle from node_modules: no network,
 * no client JavaScript in the outputs. One browser and one page serve every
 * diagram of a build; a diagram already rendered once (same source, same
 * mermaid) comes from the cache folder without starting any browser.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import fs from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {HTTPRequest, Page} from 'puppeteer'
import {openBrowser, type BrowserOptions, type BrowserSession} from './chromium.js'

export interface Diagram {
  /** The SVG, its root id `quire-diagram` (the caller makes ids unique in its page). */
  readonly svg?: string | undefined
  /** Mermaid's message for a source it cannot read. */
  readonly error?: string | undefined
}

export interface DiagramRenderer {
  render(sources: readonly string[]): Promise<Diagram[]>
  close(): Promise<void>
}

/** The id every rendered SVG carries, and prefixes its inner ids with. */
export const diagramId = 'quire-diagram'

const require = createRequire(import.meta.url)

/** The mermaid package's version: part of every cached diagram's key (a new mermaid draws anew). */
export function mermaidVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as {version: string}).version
}

export interface DiagramOptions extends BrowserOptions {
  readonly signal: AbortSignal
  /** Where rendered diagrams are kept between builds; none: every build renders them. */
  readonly cacheDir?: string | undefined
}

export function openDiagramRenderer(options: DiagramOptions): DiagramRenderer {
  let opening: Promise<{session: BrowserSession; page: Page}> | undefined
  // One diagram at a time on the one page: mermaid keeps global state while it draws.
  let queue: Promise<unknown> = Promise.resolve()
  const version = mermaidVersion()

  const page = () =>
    (opening ??= (async () => {
      const session = await openBrowser(options, options.signal)
      try {
        const tab = await (await session.browser()).newPage()
        // Nothing leaves the page: not a font, not an image a diagram names.
        await tab.setRequestInterception(true)
        tab.on('request', (request: HTTPRequest) => {
          if (request.isInterceptResolutionHandled()) return
          void (request.url() === 'about:blank' ? request.continue() : request.abort('blockedbyclient')).catch(() => {})
        })
        await tab.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>')
        await tab.addScriptTag({content: readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8')})
        await tab.evaluate(() => {
          const mermaid = (globalThis as unknown as {mermaid: {initialize(config: unknown): void}}).mermaid
          // Labels as SVG text (not HTML in foreignObject): they print, extract and validate in EPUB.
          mermaid.initialize({startOnLoad: false, securityLevel: 'strict', htmlLabels: false, deterministicIds: true, theme: 'neutral'})
        })
        return {session, page: tab}
      } catch (error) {
        await session.close()
        throw error
      }
    })())

  const renderOne = async (source: string): Promise<Diagram> => {
    const key = createHash('sha256').update(`${version}\0${source}`).digest('hex')
    const cached = options.cacheDir ? path.join(options.cacheDir, 'diagrams', `${key}.json`) : undefined
    if (cached) {
      try {
        return JSON.parse(await fs.readFile(cached, 'utf8')) as Diagram
      } catch {}
    }
    const {page: tab} = await page()
    options.signal.throwIfAborted()
    const diagram = await tab.evaluate(
      async (id, text) => {
        const mermaid = (globalThis as unknown as {mermaid: {render(id: string, text: string): Promise<{svg: string}>}}).mermaid
        try {
          return {svg: (await mermaid.render(id, text)).svg}
        } catch (error) {
          return {error: error instanceof Error ? error.message : String(error)}
        } finally {
          // A failed render leaves its error drawing in the page.
          document.body.replaceChildren()
        }
      },
      diagramId,
      source
    )
    if (cached) {
      await fs.mkdir(path.dirname(cached), {recursive: true})
      const temporary = `${cached}.tmp-${process.pid}`
      await fs.writeFile(temporary, JSON.stringify(diagram))
      await fs.rename(temporary, cached)
    }
    return diagram
  }

  return {
    render(sources) {
      const run = queue.then(async () => {
        const results: Diagram[] = []
        for (const source of sources) results.push(await renderOne(source))
        return results
      })
      queue = run.catch(() => {})
      return run
    },
    async close() {
      const opened = await opening?.catch(() => undefined)
      await opened?.session.close()
    }
  }
}
