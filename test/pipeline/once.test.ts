/** Each note is parsed and transformed once per build, whatever the number of formats. */
import {describe, expect, it} from 'vitest'
import {build} from '../../src/publish.js'
import {defineEmitter} from '../../src/emitters/types.js'
import {sampleContent, tempDir} from '../helpers/build.js'

describe('one parse per note', () => {
  it('runs the transforms once per note for five formats, and every format sees the same frozen document', async () => {
    let transforms = 0
    // Two distinct attachers: unified merges a plugin used twice into one.
    const remarkCounter = () => () => {
      transforms++
    }
    const rehypeCounter = () => () => {
      transforms++
    }
    const seen = new Map<string, Set<object>>()
    const recorder = (name: string) =>
      defineEmitter({
        name,
        description: 'records the documents it is given',
        writes: [],
        note(doc) {
          if (!seen.has(doc.slug)) seen.set(doc.slug, new Set())
          seen.get(doc.slug)!.add(doc)
        }
      })
    const names = ['one', 'two', 'three', 'four', 'five']
    const result = await build({
      content: sampleContent,
      out: await tempDir(),
      config: {markdown: {remarkPlugins: [remarkCounter], rehypePlugins: [rehypeCounter]}, emitters: Object.fromEntries(names.map((name) => [name, recorder(name)]))},
      formats: names
    })
    expect(result.errors).toBe(0)
    expect(result.notes).toHaveLength(3)
    // One remark and one rehype run per note.
    expect(transforms).toBe(3 * 2)
    for (const documents of seen.values()) expect(documents.size).toBe(1)
  })
})
