/**
 * The PDF format's one resource: a browser for the whole build and the
 * temporary folder its tabs read print pages from. quire opens it on the
 * first handout to print (a build whose handouts are all current starts
 * none) and closes it when the build ends, fails or is interrupted. Its
 * methods take and return plain data, so a note step in any thread can
 * print through it.
 */
import {rmSync} from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pLimit from 'p-limit'
import type {BaseContext} from '../types.js'
import {openBrowser} from '../../browser/chromium.js'
import type {PdfOptions} from './options.js'
import {renderWithRetry, TabPool, type RenderJob} from './render.js'

export interface PrintJob {
  /** Names the print page's file (the note's slug). */
  readonly name: string
  readonly html: string
  /** Local files the page may load (the note's images). */
  readonly files: readonly string[]
  /** A folder whose files the page may load too (the user's stylesheet). */
  readonly folder?: string | undefined
}

export interface Printed {
  readonly pdf: Uint8Array
  /** Requests the page made that were blocked. */
  readonly blocked: readonly string[]
}

export interface Printer {
  /** The browser's version (`HeadlessChrome/…`), for the PDF's /Producer and /ID. */
  version(): Promise<string>
  print(job: PrintJob): Promise<Printed>
  close(): Promise<void>
}

/** Launch (or connect to) the browser; a failure makes the format unavailable for the build. */
export async function openPrinter(context: BaseContext<PdfOptions>): Promise<Printer> {
  const {options, signal} = context
  const remote = options.browserWSEndpoint !== undefined
  // A remote browser cannot read our files: its pages come inline, and no folder is needed.
  const renderDir = remote ? undefined : await fs.mkdtemp(path.join(os.tmpdir(), 'quire-pdf-'))
  const removeRenderDir = () => {
    if (renderDir) rmSync(renderDir, {recursive: true, force: true})
  }
  process.on('exit', removeRenderDir)
  let session: Awaited<ReturnType<typeof openBrowser>>
  try {
    session = await openBrowser(options, signal)
  } catch (error) {
    process.off('exit', removeRenderDir)
    removeRenderDir()
    throw error
  }
  // Tabs of the one browser at once (`pdf.concurrency`), however many notes ask.
  const tabs = pLimit(options.concurrency)
  const idle = new TabPool(options.concurrency)
  return {
    version: async () => session.version,
    print: (job) =>
      tabs(async () => {
        signal.throwIfAborted()
        const htmlPath = renderDir ? path.join(renderDir, `${job.name}.html`) : undefined
        if (htmlPath) await fs.writeFile(htmlPath, job.html)
        const blocked = new Set<string>()
        const render: RenderJob = {
          htmlPath,
          html: htmlPath ? undefined : job.html,
          allowedFolders: [...(renderDir ? [renderDir] : []), ...(job.folder ? [job.folder] : [])],
          allowedFiles: job.files,
          onBlocked: (url) => blocked.add(url)
        }
        try {
          const pdf = await renderWithRetry(() => session.browser(), render, options, signal, idle)
          return {pdf, blocked: [...blocked]}
        } finally {
          if (htmlPath) await fs.rm(htmlPath, {force: true})
        }
      }),
    async close() {
      try {
        await session.close()
      } finally {
        process.off('exit', removeRenderDir)
        if (renderDir) await fs.rm(renderDir, {recursive: true, force: true})
      }
    }
  }
}
