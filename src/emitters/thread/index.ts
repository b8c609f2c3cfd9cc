/**
 * `thread`: social post drafts from a note, per platform, ready to paste.
 * One thread per top-level section and a summary thread (or only the
 * summary with `split: 'note'`), every post within its platform's limit by
 * the platform's own counting rule. Deterministic: no network, no AI.
 */
import {defineEmitter} from '../types.js'
import {pageUrl} from '../../pipeline/pages.js'
import {composeThreads, type Thread} from './compose.js'
import {extractNote, hashtags} from './extract.js'
import {parseThreadOptions, type ThreadOptions} from './options.js'
import {createPlatform, type Platform, type PlatformId} from './platforms.js'
import {renderDraft, renderJson} from './render.js'

export default defineEmitter<ThreadOptions, readonly Platform[]>({
  name: 'thread',
  description: 'Social post drafts (X, Bluesky, Mastodon): one thread per section and a summary thread',
  writes: ['thread/<slug>.<platform>.md', 'thread/<slug>.json'],
  options: parseThreadOptions,
  prepare({options}) {
    return options.platforms.map((id) => createPlatform(id, options[id].limit))
  },
  note(doc, context) {
    const {options, shared: platforms} = context
    const siteUrl = context.config.site.url
    const plan = extractNote(doc, {code: options.code, siteUrl})
    const tags = options.hashtags === false ? [] : hashtags(options.hashtags === true ? doc.meta.tags : options.hashtags, options.maxHashtags)
    const page = siteUrl ? pageUrl(siteUrl, doc.slug) : undefined
    const settings = {
      split: options.split,
      numbering: options.numbering,
      points: options.points,
      hashtags: tags,
      link: (id?: string) => (page && id ? `${page}#${encodeURIComponent(id)}` : page)
    }
    const threads = new Map<PlatformId, readonly Thread[]>()
    for (const platform of platforms) {
      context.signal.throwIfAborted()
      const composed = composeThreads(plan, platform, settings)
      const reported = new Set<string>()
      for (const thread of composed) {
        for (const token of thread.cut) {
          if (reported.has(token)) continue
          reported.add(token)
          context.report(`\`${token.slice(0, 60)}${token.length > 60 ? '…' : ''}\` is longer than a whole ${platform.name} post and was cut`, {
            ruleId: 'thread-cut-token',
            severity: 'warning',
            line: thread.line
          })
        }
        thread.posts.forEach((post, index) => {
          if (!platform.fits(post)) throw new Error(`post ${index + 1} of thread "${thread.title}" does not fit ${platform.name} (${platform.count(post)}/${platform.limit})`)
        })
      }
      threads.set(platform.id, composed)
    }
    const note = {slug: doc.slug, title: plan.title, source: doc.relativePath, platforms, threads}
    for (const platform of platforms) context.write(`thread/${doc.slug}.${platform.id}.md`, renderDraft(note, platform))
    context.write(`thread/${doc.slug}.json`, renderJson(note))
  }
})
