/** The `json` config key: defaults, and clear errors that name the key. */
import {describe, expect, it} from 'vitest'
import {ConfigError} from '../../../src/config/errors.js'
import {builtinEmitters, builtinFormats} from '../../../src/emitters/registry.js'
import {parseJsonOptions} from '../../../src/emitters/json/options.js'
import {buildFixture, sampleContent} from '../../helpers/build.js'

describe('json options', () => {
  it('defaults every option', () => {
    const defaults = {includeMdast: false, pretty: true, index: true}
    expect(parseJsonOptions(undefined)).toEqual(defaults)
    expect(parseJsonOptions(null)).toEqual(defaults)
    expect(parseJsonOptions({})).toEqual(defaults)
    expect(parseJsonOptions({includeMdast: true})).toEqual({...defaults, includeMdast: true})
  })

  it('does not change what the caller passed', () => {
    const input = Object.freeze({pretty: false})
    expect(parseJsonOptions(input)).toEqual({includeMdast: false, pretty: false, index: true})
    expect(input).toEqual({pretty: false})
  })

  it.each([
    [{includeMdast: 'yes'}, '`includeMdast`: expected true or false, got "yes"'],
    [{pretty: 2}, '`pretty`: expected true or false, got 2'],
    [{index: null}, '`index`: expected true or false, got null'],
    [{includeMDAST: true}, 'unknown option `includeMDAST` (known: includeMdast, pretty, index)'],
    [{a: 1, b: 2}, 'unknown options `a`, `b` (known: includeMdast, pretty, index)'],
    [true, 'expected an object of options (includeMdast, pretty, index), got true'],
    [[], 'expected an object of options (includeMdast, pretty, index), got an array']
  ])('rejects %j', (input, message) => {
    expect(() => parseJsonOptions(input)).toThrow(message)
  })

  it('fails the build with a config error that names the format and the key', async () => {
    const attempt = buildFixture(sampleContent, ['json'], {config: {json: {includeMdast: 'yes'}}})
    await expect(attempt).rejects.toBeInstanceOf(ConfigError)
    await expect(attempt).rejects.toThrow('`json`: `includeMdast`: expected true or false, got "yes"')
  })
})

describe('registry', () => {
  it('lists json and loads it lazily', async () => {
    expect(builtinFormats).toContain('json')
    const emitter = await builtinEmitters.json!()
    expect(emitter.name).toBe('json')
    expect(emitter.writes).toEqual(['json/<slug>.json', 'json/index.json'])
  })
})
