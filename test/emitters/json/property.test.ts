/**
 * Random notes built from Markdown fragments (headings at any depth, task
 * and ordered lists, code, tables, links, images, footnotes, raw HTML,
 * callouts, highlights, comments and tags, odd front matter): every file
 * written validates against the shipped schemas
 * and names no folder of this machine.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {stringify} from 'yaml'
import {describe, expect, it} from 'vitest'
import {fixturesDir, tempDir} from '../../helpers/build.js'
import {buildJson} from './read.js'
import {describeErrors, validateDocument, validateIndex} from './validate.js'

const words = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 äé✓_*`-]{0,19}$/)

const block = fc.oneof(
  fc.tuple(fc.integer({min: 1, max: 6}), words).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
  words,
  fc.tuple(fc.boolean(), words).map(([done, text]) => `- [${done ? 'x' : ' '}] ${text}`),
  words.map((text) => `  - ${text}`),
  fc.tuple(fc.integer({min: 0, max: 99}), words).map(([start, text]) => `${start}. ${text}`),
  fc.tuple(fc.constantFrom('', 'js', 'rust', 'ts title="x.ts"'), words).map(([info, code]) => `\`\`\`${info}\n${code}\n# not a heading\n\`\`\``),
  fc.constantFrom('| a | b |\n| :- | -: |\n| 1 | 2 |', '| x |\n| - |'),
  words.map((text) => `> ${text}`),
  // The dialect: callouts (any name, fold, nesting), highlights, comments (even unclosed), tags.
  fc.tuple(fc.constantFrom('note', 'WARNING', 'faq', 'parking-lot'), fc.constantFrom('', '-', '+'), words, words).map(([type, fold, title, text]) => `> [!${type}]${fold} ${title}\n> ${text}\n> > [!tip]\n> > ${text}`),
  words.map((text) => `==${text}== and %%${text}%% with #tag/${text.replace(/[^A-Za-z0-9]/g, '')}x`),
  fc.constantFrom('%%\nA comment\n\n# with a heading\n%%', 'Unclosed %% comment'),
  fc.constantFrom(
    '[other](other.md#part)',
    '[same](#part)',
    '[web](https://example.com/a?b#c)',
    '[missing](nope.md)',
    '![local](images/cover.png)',
    '![remote](https://example.com/r.png)',
    '![missing](images/nope.png)',
    'Text[^n]\n\n[^n]: A footnote.',
    '<div>raw <b>html</b></div>',
    '***',
    ''
  )
)

const frontMatter = fc.option(
  fc.record(
    {
      title: words,
      date: fc.constantFrom('2022-10-04', '2023-01-02T10:30:00Z'),
      tags: fc.array(words, {maxLength: 3}),
      extra: fc.jsonValue({maxDepth: 3})
    },
    {requiredKeys: []}
  ),
  {nil: undefined}
)

const note = fc.tuple(frontMatter, fc.array(block, {maxLength: 25})).map(([meta, blocks]) => {
  const head = meta ? `---\n${stringify(meta)}---\n\n` : ''
  return head + blocks.join('\n\n') + '\n'
})

describe('random notes', () => {
  it('always give schema-valid JSON without machine paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(note, {minLength: 1, maxLength: 3}), fc.boolean(), async (notes, includeMdast) => {
        const content = await tempDir('quire-json-prop-')
        await fs.cp(path.join(fixturesDir, 'json', 'images'), path.join(content, 'images'), {recursive: true})
        await fs.writeFile(path.join(content, 'other.md'), '# Other\n\n## Part\n')
        await Promise.all(notes.map((text, index) => fs.writeFile(path.join(content, `note-${index}.md`), text)))
        const built = await buildJson(content, {includeMdast})
        expect(built.result.errors).toBe(0)
        expect(built.files.size).toBe(notes.length + 2)
        for (const [file, text] of built.files) {
          const validate = file === 'json/index.json' ? validateIndex : validateDocument
          expect(validate(JSON.parse(text)), `${file}\n${describeErrors(validate.errors)}\n${notes.join('\n=====\n')}`).toBe(true)
          expect(text.includes(content), file).toBe(false)
          expect(text.includes(built.out), file).toBe(false)
        }
      }),
      {numRuns: 25}
    )
  })
})
