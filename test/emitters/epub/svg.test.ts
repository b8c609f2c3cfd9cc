/**
 * SVG clean-up for EPUB (`src/emitters/epub/svg.ts`): the document type
 * declaration goes, the entities it declared are written out where they
 * are used (escaped in attributes, as they are in content), markup that
 * is not markup (comments, CDATA) is left alone, and what could never be
 * written out (self-reference, exponential growth) is an error, fast.
 */
import {describe, expect, it} from 'vitest'
import {cleanSvg, type CleanedSvg} from '../../../src/emitters/epub/svg.js'

function text(result: CleanedSvg): string {
  if ('error' in result) throw new Error(result.error)
  return result.text
}

describe('cleanSvg', () => {
  it('leaves an SVG without a declaration as it is', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n'
    expect(cleanSvg(svg)).toEqual({text: svg, changed: false, droppedEntities: []})
  })

  it('drops a public identifier and its line, keeping the XML declaration and comments', () => {
    const svg = '<?xml version="1.0" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- graphviz -->\n<svg xmlns="http://www.w3.org/2000/svg"/>\n'
    expect(text(cleanSvg(svg))).toBe('<?xml version="1.0" standalone="no"?>\n<!-- graphviz -->\n<svg xmlns="http://www.w3.org/2000/svg"/>\n')
  })

  it('writes out the internal entities, nested ones too, escaped inside attributes', () => {
    const svg = [
      '<!DOCTYPE svg [',
      '  <!ENTITY ns_svg "http://www.w3.org/2000/svg">',
      `  <!ENTITY font "font-family:'Helvetica'">`,
      '  <!ENTITY st1 "fill:#fff;&font;">',
      '  <!ENTITY bold \'<tspan font-weight="bold">B</tspan>\'>',
      '  <!ENTITY ns_svg "ignored: the first declaration counts">',
      '  <!-- <!ENTITY commented "never declared"> -->',
      '  <!ENTITY % parameter "only for the DTD">',
      ']>',
      '<svg xmlns="&ns_svg;"><text style="&st1;" data-b="&bold;">&bold; &amp; &#169; &commented;</text><!-- &st1; --><![CDATA[&st1;]]></svg>'
    ].join('\n')
    expect(text(cleanSvg(svg))).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg"><text style="fill:#fff;font-family:&apos;Helvetica&apos;" data-b="&lt;tspan font-weight=&quot;bold&quot;>B&lt;/tspan>"><tspan font-weight="bold">B</tspan> &amp; &#169; &commented;</text><!-- &st1; --><![CDATA[&st1;]]></svg>`
    )
  })

  it('finds the end of a subset whose values hold brackets and quotes', () => {
    const svg = `<!DOCTYPE svg [<!ENTITY a "]>"><!ENTITY b '"x"'><?pi ]?>]><svg a="&a;" b='&b;'>&a;</svg>`
    expect(text(cleanSvg(svg))).toBe(`<svg a="]>" b='&quot;x&quot;'>]></svg>`)
  })

  it('never reads an external entity: its references go, and are named', () => {
    const result = cleanSvg('<!DOCTYPE svg [<!ENTITY logo SYSTEM "logo.xml"><!ENTITY other PUBLIC "-//x//EN" "x.xml">]><svg>&logo;&other;&logo;</svg>')
    expect(result).toEqual({text: '<svg></svg>', changed: true, droppedEntities: ['logo', 'other']})
  })

  it('refuses entities that refer to themselves or grow exponentially, in well under a second', () => {
    expect(cleanSvg('<!DOCTYPE svg [<!ENTITY a "&b;"><!ENTITY b "&a;">]><svg>&a;</svg>')).toEqual({error: expect.stringContaining('refer to itself')})
    const levels = ['<!ENTITY l0 "lol">', ...Array.from({length: 12}, (_, level) => `<!ENTITY l${level + 1} "${`&l${level};`.repeat(10)}">`)]
    const started = performance.now()
    expect(cleanSvg(`<!DOCTYPE svg [${levels.join('')}]><svg><text>&l12;</text></svg>`)).toEqual({error: expect.stringMatching(/expands to more than 16 MB/)})
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('drops Illustrator’s editing data, whose foreignObject EPUB forbids, and keeps the drawing', () => {
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/">',
      '<switch>',
      '\t<foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" x="0" y="0" width="1" height="1">',
      '\t\t<i:pgfRef xlink:href="#adobe_illustrator_pgf"></i:pgfRef>',
      '\t</foreignObject>',
      '\t<g i:extraneous="self"><rect width="1" height="1"/></g>',
      '</switch>',
      '<i:pgf id="adobe_illustrator_pgf"><![CDATA[eJzVfWtv]]></i:pgf>',
      '</svg>'
    ].join('\n')
    expect(text(cleanSvg(svg))).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/">\n<switch>\n\t<g i:extraneous="self"><rect width="1" height="1"/></g>\n</switch>\n</svg>')
  })
})
