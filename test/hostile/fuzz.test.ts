/**
 * Random Markdown and front matter through the whole pipeline: 1,000 runs,
 * no unhandled exception, every problem a positioned message.
 */
import fc from 'fast-check'
import {LinkTargets} from '../../src/pipeline/link-targets.js'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {buildDocument} from '../../src/pipeline/document.js'
import {createProcessor} from '../../src/pipeline/processor.js'
import {readNote} from '../../src/pipeline/read.js'
import {sampleContent} from '../helpers/build.js'

const pieces = [
  '# ', '## ', '### ', '- ', '* ', '1. ', '3) ', '> ', '- [ ] ', '- [x] ', '```js\n', '```\n', '~~~\n', '    ', '\n', '\n\n',
  '| a | b |\n| :- | -: |\n| 1 | 2 |\n', '[^1]', '[^1]: note\n', '![img](images/checker.png)', '![x](../../etc/passwd)', '![y](/abs.png)',
  '[link](other.md#x)', '[l](https://example.com)', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<b>', '</b>',
  '*', '_', '**', '`', '$', '\\', '&amp;', '&#0;', '\u0000', '\uFFFD', '😀', '漢字', '\u202E', 'text ', 'word', '---\n', '***\n',
  ':', '"', "'", '{', '}', '[', ']', '<!--', '-->', '\r\n', '\t'
]
const markdown = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({maxLength: 12})), {maxLength: 60}).map((parts) => parts.join(''))
const yamlValue = fc.oneof(
  fc.constantFrom('3', 'yesterday', '2022-13-45', '2022-10-04', '[a, b]', '{a: 1}', 'null', '~', '"quoted', "'x'", '- a\n  - b', '&a x', '*a', '!!binary AAAA', 'en', 'xx-invalid-!!'),
  fc.string({maxLength: 20})
)
const key = fc.constantFrom('title', 'subtitle', 'author', 'date', 'lang', 'tags', 'description', 'cover', 'extra', '__proto__', 'constructor')
const frontMatter = fc.option(
  fc.array(fc.tuple(key, yamlValue), {maxLength: 6}).map((pairs) => `---\n${pairs.map(([name, value]) => `${name}: ${value}`).join('\n')}\n---\n`),
  {nil: ''}
)

describe('fuzzing the pipeline', () => {
  it('never throws on random notes (1,000 runs)', async () => {
    const processor = createProcessor()
    const targets = new LinkTargets([['other.md', 'other']])
    await fc.assert(
      fc.asyncProperty(frontMatter, markdown, async (head, body) => {
        const bytes = new TextEncoder().encode(head + body)
        const read = readNote(`${sampleContent}/fuzz.md`, bytes, {maxBytes: 1024 * 1024})
        const file: VFile = read.file
        if (read.ok) {
          await buildDocument(processor, {file, hash: read.hash, slug: 'fuzz', relativePath: 'fuzz.md', context: {contentDir: sampleContent, targets, fallbackTitle: 'fuzz', maxBytes: 1024 * 1024}})
        }
        for (const message of file.messages) {
          expect(message.ruleId, message.reason).toBeTruthy()
          expect(message.line ?? 1).toBeGreaterThan(0)
        }
      }),
      // A fixed seed keeps CI deterministic; QUIRE_FUZZ_SEED explores other inputs.
      {numRuns: Number(process.env.QUIRE_FUZZ_RUNS ?? 1000), seed: Number(process.env.QUIRE_FUZZ_SEED ?? 20221004)}
    )
  }, 120_000)
})
