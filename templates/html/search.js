/*
 * quire's site search in the page: the search box of the page header (a
 * combobox with a listbox of results) and its keys (`/`, Ctrl-K and Cmd-K
 * focus it; arrows, Enter, Escape). This is all a page loads: the first
 * time the box gets focus it adds two scripts, search-engine.js (MiniSearch
 * and search-core.js) and search-index.js. Scripts, not fetches, so they
 * load from file:// too. Results are built with DOM calls and textContent
 * only: nothing from a note is parsed as HTML.
 */
var indexGlobal = 'quireSearchIndex'
var engineGlobal = 'quireSearchEngine'
var indexFormat = 1
var maxResults = 10
var excerptLength = 180
var boxes = []
var pageLang = document.documentElement.lang
/** The search core (search-core.js), once search-engine.js has run. */
var core = null
/** One load for every box of the page: a promise of the MiniSearch instance and the index data. */
var loading = null

/** Run the script at `src`; resolves with the global it sets (read only then: an element id could shadow it before). */
function addScript(src, global) {
  return new Promise(function (resolve, reject) {
    var script = document.createElement('script')
    script.src = src
    script.async = true
    script.onload = function () {
      if (window[global]) resolve(window[global])
      else reject(new Error('empty'))
    }
    script.onerror = function () {
      reject(new Error('load'))
    }
    document.head.appendChild(script)
  })
}

function loadIndex(engineSrc, indexSrc) {
  if (loading) return loading
  loading = Promise.all([addScript(engineSrc, engineGlobal), addScript(indexSrc, indexGlobal)]).then(function (loaded) {
    var engine = loaded[0]
    var data = loaded[1]
    if (!data || data.format !== indexFormat || !engine.core) throw new Error('format')
    core = engine.core
    var search = engine.MiniSearch.loadJS(core.expandIndex(data.index), {
      fields: data.fields,
      storeFields: [],
      tokenize: core.tokenize,
      processTerm: core.processTerm
    })
    var tops = {}
    for (var i = data.sections.length - 1; i >= 0; i--) tops[data.sections[i][0]] = i
    return {engine: search, data: data, tops: tops}
  })
  return loading
}

function failure(error) {
  if (error && error.message === 'format') return 'Search is unavailable: the search index was written by another version of quire. Build the site again.'
  var text = 'Search is unavailable: search-engine.js or search-index.js could not be loaded.'
  if (location.protocol === 'file:') text += ' This browser may not load it for a page opened from a file: serve the folder instead (for example with quire serve).'
  return text
}

function identity(term) {
  return term
}

/** The best results: sections whose only match is the note title count once, as the note's page top. */
function search(index, query) {
  var terms = core.queryTerms(query)
  if (terms.all.length === 0) return []
  var raw = index.engine.search(query, {
    tokenize: function () {
      return terms.all
    },
    processTerm: identity,
    combineWith: 'OR',
    prefix: true,
    fuzzy: function (term) {
      return core.isLatin(term) && term.length > 4 ? 0.2 : false
    },
    maxFuzzy: 2,
    boost: {title: 2, heading: 1.5},
    filter: function (result) {
      for (var i = 0; i < terms.required.length; i++) if (result.queryTerms.indexOf(terms.required[i]) === -1) return false
      return true
    }
  })
  var out = []
  var seen = {}
  for (var r = 0; r < raw.length && out.length < maxResults; r++) {
    var result = raw[r]
    var section = result.id
    var note = index.data.sections[section][0]
    var titleOnly = Object.keys(result.match).every(function (term) {
      return result.match[term].every(function (field) {
        return field === 'title'
      })
    })
    if (titleOnly) section = index.tops[note]
    if (seen[section]) continue
    seen[section] = true
    out.push({section: section, terms: result.terms})
  }
  return out
}

/** `text` folded character by character, with where each folded character came from. */
function foldWithMap(text) {
  var folded = ''
  var starts = []
  var ends = []
  for (var i = 0; i < text.length; ) {
    var code = text.codePointAt(i)
    var char = String.fromCodePoint(code)
    var piece = core.processTerm(char) || ''
    for (var k = 0; k < piece.length; k++) {
      starts.push(i)
      ends.push(i + char.length)
    }
    folded += piece
    i += char.length
  }
  return {folded: folded, starts: starts, ends: ends}
}

var wordChar = /[\p{L}\p{N}\p{M}]/u

/** Where the matched terms occur in `text` (Latin terms as whole words), as sorted [start, end) ranges of `text`. */
function matches(text, terms) {
  var map = foldWithMap(text)
  var ranges = []
  for (var t = 0; t < terms.length; t++) {
    var term = terms[t]
    var whole = core.spaced(term)
    for (var at = map.folded.indexOf(term); at !== -1; at = map.folded.indexOf(term, at + 1)) {
      var end = at + term.length
      if (whole && ((at > 0 && wordChar.test(map.folded[at - 1])) || (end < map.folded.length && wordChar.test(map.folded[end])))) continue
      ranges.push([map.starts[at], map.ends[end - 1]])
    }
  }
  ranges.sort(function (a, b) {
    return a[0] - b[0] || b[1] - a[1]
  })
  var merged = []
  for (var r = 0; r < ranges.length; r++) {
    var last = merged[merged.length - 1]
    if (last && ranges[r][0] <= last[1]) last[1] = Math.max(last[1], ranges[r][1])
    else merged.push([ranges[r][0], ranges[r][1]])
  }
  return merged
}

/** Append `text` to `parent`, the parts in `ranges` as <mark>. */
function appendMarked(parent, text, ranges, from, to) {
  var at = from
  for (var r = 0; r < ranges.length; r++) {
    var start = Math.max(ranges[r][0], from)
    var end = Math.min(ranges[r][1], to)
    if (end <= start) continue
    if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)))
    var mark = document.createElement('mark')
    mark.textContent = text.slice(start, end)
    parent.appendChild(mark)
    at = end
  }
  if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)))
}

/** A window of about `excerptLength` characters around the first match (else the start), cut at spaces. */
function excerptWindow(text, ranges) {
  if (text.length <= excerptLength) return [0, text.length]
  var start = ranges.length > 0 ? Math.max(0, ranges[0][0] - 50) : 0
  if (start > 0) {
    var space = text.indexOf(' ', start)
    if (space !== -1 && space < (ranges.length > 0 ? ranges[0][0] : start + 20)) start = space + 1
  }
  var end = Math.min(text.length, start + excerptLength)
  if (end < text.length) {
    var back = text.lastIndexOf(' ', end)
    if (back > start + excerptLength / 2) end = back
  }
  return [start, end]
}

function option(index, hit, id, base) {
  var section = index.data.sections[hit.section]
  var note = index.data.notes[section[0]]
  var link = document.createElement('a')
  link.className = 'quire-search-result'
  link.id = id
  link.setAttribute('role', 'option')
  link.setAttribute('aria-selected', 'false')
  link.tabIndex = -1
  if (note[2] !== pageLang) link.lang = note[2]
  link.href = base + note[1] + (section[1] ? '#' + encodeURIComponent(section[1]) : '')
  var title = document.createElement('span')
  title.className = 'quire-search-title'
  appendMarked(title, note[0], matches(note[0], hit.terms), 0, note[0].length)
  link.appendChild(title)
  if (section[2]) {
    var heading = document.createElement('span')
    heading.className = 'quire-search-heading'
    appendMarked(heading, section[2], matches(section[2], hit.terms), 0, section[2].length)
    link.appendChild(heading)
  }
  var text = section[3]
  if (text) {
    var ranges = matches(text, hit.terms)
    var span = excerptWindow(text, ranges)
    var excerpt = document.createElement('span')
    excerpt.className = 'quire-search-excerpt'
    if (span[0] > 0) excerpt.appendChild(document.createTextNode('…'))
    appendMarked(excerpt, text, ranges, span[0], span[1])
    if (span[1] < text.length) excerpt.appendChild(document.createTextNode('…'))
    link.appendChild(excerpt)
  }
  return link
}

function plural(count) {
  return count === 1 ? '1 result' : count + ' results'
}

function setup(root) {
  var input = root.querySelector('.quire-search-input')
  var panel = root.querySelector('.quire-search-panel')
  var list = root.querySelector('.quire-search-results')
  var message = root.querySelector('.quire-search-message')
  var status = root.querySelector('[role="status"]')
  if (!input || !panel || !list || !message || !status) return
  var base = root.getAttribute('data-base') || ''
  var indexSrc = root.getAttribute('data-index') || base + 'search-index.js'
  var engineSrc = root.getAttribute('data-engine') || base + 'search-engine.js'
  var active = -1
  var index = null
  var broken = null
  var shown = ''
  var pending = null

  /** Show a message in the panel (or not) and tell screen readers, once typing pauses. */
  function say(text, visible) {
    message.textContent = visible ? text : ''
    message.hidden = !visible
    clearTimeout(pending)
    pending = setTimeout(function () {
      status.textContent = text
    }, 400)
  }

  function open() {
    panel.hidden = false
    input.setAttribute('aria-expanded', list.children.length > 0 ? 'true' : 'false')
  }

  function close() {
    panel.hidden = true
    input.setAttribute('aria-expanded', 'false')
    setActive(-1)
  }

  function setActive(next) {
    var options = list.children
    if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false')
    active = next
    if (active >= 0 && options[active]) {
      options[active].setAttribute('aria-selected', 'true')
      input.setAttribute('aria-activedescendant', options[active].id)
      options[active].scrollIntoView({block: 'nearest'})
    } else {
      input.removeAttribute('aria-activedescendant')
    }
  }

  function render() {
    var query = input.value.trim()
    if (query === shown && index) return open()
    shown = query
    setActive(-1)
    list.textContent = ''
    list.hidden = true
    if (query === '') {
      say('', false)
      return close()
    }
    if (broken) {
      say(broken, true)
      return open()
    }
    if (!index) {
      say('Loading the search index…', true)
      return open()
    }
    var hits = search(index, query)
    for (var i = 0; i < hits.length; i++) list.appendChild(option(index, hits[i], list.id + '-' + i, base))
    list.hidden = hits.length === 0
    if (hits.length === 0) say('No results for “' + query + '”', true)
    else say(plural(hits.length), false)
    open()
  }

  function start() {
    if (index || broken) return
    loadIndex(engineSrc, indexSrc).then(
      function (loaded) {
        index = loaded
        shown = null
        if (input.value.trim() !== '' && document.activeElement === input) render()
      },
      function (error) {
        broken = failure(error)
        shown = null
        if (document.activeElement === input) {
          say(broken, true)
          list.hidden = true
          open()
        }
      }
    )
  }

  input.addEventListener('focus', function () {
    start()
    if (input.value.trim() !== '') render()
    if (broken) {
      say(broken, true)
      list.hidden = true
      open()
    }
  })
  input.addEventListener('input', render)
  input.addEventListener('keydown', function (event) {
    var count = list.children.length
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (panel.hidden) render()
      if (count === 0) return
      var step = event.key === 'ArrowDown' ? 1 : -1
      setActive(active === -1 ? (step === 1 ? 0 : count - 1) : (active + step + count) % count)
    } else if (event.key === 'Enter') {
      if (panel.hidden || count === 0) return
      event.preventDefault()
      var chosen = list.children[active === -1 ? 0 : active]
      close()
      location.href = chosen.href
    } else if (event.key === 'Escape') {
      if (!panel.hidden) close()
      else if (input.value !== '') {
        input.value = ''
        render()
      } else return
      event.preventDefault()
    }
  })
  // Keep the focus in the box while a result is clicked: the click follows the link.
  panel.addEventListener('mousedown', function (event) {
    event.preventDefault()
  })
  list.addEventListener('click', function () {
    close()
  })
  root.addEventListener('focusout', function (event) {
    if (!root.contains(event.relatedTarget)) close()
  })
  list.setAttribute('role', 'listbox')
  list.setAttribute('aria-label', 'Search results')
  root.hidden = false
  boxes.push(input)
}

function typing(target) {
  if (!target || !target.tagName) return false
  var tag = target.tagName.toLowerCase()
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable
}

document.addEventListener('keydown', function (event) {
  if (event.defaultPrevented || boxes.length === 0 || event.altKey) return
  var shortcut = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.shiftKey
  var slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !typing(event.target)
  if (!shortcut && !slash) return
  event.preventDefault()
  var input = boxes[0]
  input.focus()
  input.select()
})

var roots = document.querySelectorAll('[data-quire-search]')
for (var i = 0; i < roots.length; i++) setup(roots[i])
