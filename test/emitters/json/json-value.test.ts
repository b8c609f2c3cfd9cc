/**
 * `meta.extra` is typed `unknown`: YAML and plugins can put values there
 * that JSON cannot hold. They are converted the same way on every machine.
 */
import {describe, expect, it} from 'vitest'
import {serialize, toJsonValue} from '../../../src/emitters/json/json-value.js'

describe('toJsonValue', () => {
  it('keeps plain JSON as it is', () => {
    const value = {a: [1, 'two', true, null, {b: 2.5}]}
    expect(toJsonValue(value)).toEqual(value)
  })

  it('turns values JSON cannot hold into JSON', () => {
    expect(
      toJsonValue({
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        small: 12n,
        huge: 2n ** 80n,
        when: new Date(Date.UTC(2022, 9, 4)),
        invalid: new Date(Number.NaN),
        map: new Map<unknown, unknown>([[1, 'one']]),
        gone: undefined,
        fn: () => 1,
        list: [undefined, Symbol('s')]
      })
    ).toEqual({
      nan: null,
      inf: null,
      small: 12,
      huge: '1208925819614629174706176',
      when: '2022-10-04T00:00:00.000Z',
      invalid: null,
      map: {'1': 'one'},
      list: [null, null]
    })
  })

  it('cuts cycles but keeps shared values', () => {
    const shared = {x: 1}
    const loop: Record<string, unknown> = {name: 'loop', shared, again: shared}
    loop.self = loop
    expect(toJsonValue(loop)).toEqual({name: 'loop', shared: {x: 1}, again: {x: 1}, self: null})
  })

  it('keeps a `__proto__` key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as unknown
    const output = toJsonValue(input) as Record<string, unknown>
    expect(Object.keys(output)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(serialize(output, false)).toBe('{"__proto__":{"polluted":true}}\n')
  })
})
