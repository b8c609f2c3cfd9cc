/** hast → XHTML for chapters: XML syntax, and HTML made valid EPUB 3 content. */
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {describe, expect, it} from 'vitest'
import {prepareTree, toXhtml} from '../../../src/emitters/epub/xhtml.js'

const prepared = (tree: Root | Element) => {
  prepareTree(tree)
  return toXhtml(tree)
}

describe('epub xhtml', () => {
  it('self-closes void elements and gives boolean attributes a value', () => {
    expect(toXhtml(h('p', ['a', h('br'), h('img', {src: 'x.png', alt: ''})]))).toBe('<p>a<br/><img src="x.png" alt=""/></p>')
    expect(toXhtml(h('details', {open: true}, [h('summary', 'More')]))).toBe('<details open="open"><summary>More</summary></details>')
  })

  it('escapes with XML entities only and drops characters XML forbids', () => {
    expect(toXhtml(h('p', {title: 'a "b" & <c>'}, 'x < y & z > w\u0007 \u00a0é'))).toBe('<p title="a &quot;b&quot; &amp; &lt;c&gt;">x &lt; y &amp; z &gt; w \u00a0é</p>')
  })

  it('writes ARIA and data attributes by their HTML names, and drops comments', () => {
    const tree: Root = {type: 'root', children: [h('a', {href: '#x', ariaDescribedBy: 'label', dataFootnoteRef: ''}, '1'), {type: 'comment', value: 'hidden'}]}
    expect(toXhtml(tree)).toBe('<a href="#x" aria-describedby="label" data-footnote-ref="">1</a>')
  })

  it('turns task-list checkboxes into characters with a label', () => {
    const tree = h('ul', [h('li', [h('input', {type: 'checkbox', checked: true, disabled: true}), ' done']), h('li', [h('input', {type: 'checkbox', disabled: true}), ' open'])])
    expect(prepared(tree)).toBe(
      '<ul><li><span class="task task-done" role="img" aria-label="done">☑</span> done</li><li><span class="task task-open" role="img" aria-label="not done">☐</span> open</li></ul>'
    )
  })

  it('keeps ordered-list starts and turns alignment into classes', () => {
    expect(prepared(h('ol', {start: 3}, [h('li', 'three')]))).toBe('<ol start="3"><li>three</li></ol>')
    expect(prepared(h('tr', [h('td', {align: 'right', className: ['n']}, '1'), h('td', {align: 'bogus'}, '2')]))).toBe('<tr><td class="n align-right">1</td><td>2</td></tr>')
  })

  it('keeps only whole-pixel image sizes', () => {
    expect(prepared(h('div', [h('img', {src: 'a.png', alt: '', width: 40, height: '50%'}), h('td', {width: 10}, 'x'), h('hr', {size: 2})]))).toBe('<div><img src="a.png" alt="" width="40"/><td>x</td><hr/></div>')
  })

  it('replaces obsolete elements by their HTML5 equivalents', () => {
    expect(prepared(h('p', [h('tt', 'code'), ' ', h('strike', 'gone'), h('center', 'mid')]))).toBe('<p><code>code</code> <s>gone</s><div class="align-center">mid</div></p>')
  })

  it('removes scripts, handlers, srcset, and obsolete attributes; keeps named anchors as ids', () => {
    const tree = h('div', [
      h('script', 'alert(1)'),
      h('img', {src: 'a.png', alt: 'a', onError: 'alert(1)', srcSet: 'b.png 2x', border: 0}),
      h('picture', [h('source', {srcSet: 'c.png'}), h('img', {src: 'c.png', alt: 'c'})]),
      h('a', {name: 'old'}, 'anchor')
    ])
    expect(prepared(tree)).toBe('<div><img src="a.png" alt="a"/><img src="c.png" alt="c"/><a id="old">anchor</a></div>')
  })
})
