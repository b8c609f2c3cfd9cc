/*
 * quire's site frame: puts the shared sidebar (sidebar.js) in each page's
 * <nav class="sidebar">, marks the current note, and folds the sidebar
 * behind the menu button on narrow screens. Without this script the page
 * shows sidebar.html in a frame instead; nothing else depends on it.
 */
(function () {
  'use strict'
  var nav = document.getElementById('quire-sidebar')
  var toggle = document.querySelector('.sidebar-toggle')
  if (!nav || typeof window.quireSidebar !== 'string') return
  var base = nav.getAttribute('data-base') || ''
  var current = nav.getAttribute('data-current')

  var template = document.createElement('template')
  template.innerHTML = window.quireSidebar
  var list = template.content.firstElementChild
  if (!list) return
  var currentLink = null
  list.querySelectorAll('li[id]').forEach(function (item) {
    // Entry ids serve sidebar.html's :target; in a page they could clash with the note's own ids.
    var slug = item.id.replace(/^note-/, '')
    item.removeAttribute('id')
    var link = item.querySelector('a')
    if (link && slug === current) {
      link.setAttribute('aria-current', 'page')
      currentLink = link
    }
  })
  if (base) {
    list.querySelectorAll('a[href]').forEach(function (link) {
      link.setAttribute('href', base + link.getAttribute('href'))
    })
  }
  nav.replaceChildren(list)
  document.documentElement.classList.add('sidebar-script')
  if (currentLink) {
    var top = currentLink.offsetTop - nav.clientHeight / 3
    if (top > 0) nav.scrollTop = top
  }

  if (!toggle) return
  var narrow = window.matchMedia('(max-width: 60rem)')
  function setOpen(open) {
    toggle.setAttribute('aria-expanded', String(open))
    nav.classList.toggle('open', open)
  }
  toggle.hidden = false
  toggle.addEventListener('click', function () {
    var open = toggle.getAttribute('aria-expanded') !== 'true'
    setOpen(open)
    if (open) {
      var first = nav.querySelector('[aria-current="page"]') || nav.querySelector('a')
      if (first) first.focus()
    }
  })
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && narrow.matches && toggle.getAttribute('aria-expanded') === 'true') {
      setOpen(false)
      toggle.focus()
    }
  })
  narrow.addEventListener('change', function () {
    setOpen(false)
  })
})()
