/**
 * The script `quire serve` adds to the pages it serves (never to the files
 * in out/): it listens to the server's events and reloads the page when a
 * rebuild finished, or when the server is back after a restart.
 */

/** Server-Sent Events endpoint. */
export const eventsPath = '/__quire/events'

/** Browser code; diagnostics of the rebuild go to the console. */
const client = `(() => {
  if (!('EventSource' in window)) return
  const events = new EventSource(${JSON.stringify(eventsPath)})
  // Visible for debugging (and tests): readyState 1 means the page listens.
  window.__quireLiveReload = events
  // Reload when a connection that was open comes back (the server restarted), not when the
  // first attempt failed and the retry worked: that reloaded a page that had just loaded.
  let opened = false
  let lost = false
  events.addEventListener('error', () => { if (opened) lost = true })
  events.addEventListener('open', () => { if (lost) location.reload(); opened = true })
  events.addEventListener('reload', (event) => {
    const detail = JSON.parse(event.data)
    for (const line of detail.messages || []) console.warn('[quire] ' + line)
    if (detail.reload) location.reload()
  })
})()`

export const liveReloadScript = `<script data-quire-live-reload>${client}</script>`

/** The page with the script before its last `</body>`, or at the end. */
export function injectLiveReload(html: string): string {
  const index = html.toLowerCase().lastIndexOf('</body')
  return index === -1 ? html + liveReloadScript : html.slice(0, index) + liveReloadScript + '\n' + html.slice(index)
}
