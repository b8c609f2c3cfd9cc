/** Package metadata helpers: W3CDTF dates that do not depend on the machine's time zone. */
import {describe, expect, it} from 'vitest'
import {w3cDate} from '../../../src/emitters/epub/metadata.js'

describe('epub metadata dates', () => {
  it('keeps a day as a day', () => {
    expect(w3cDate('2022-10-04')).toBe('2022-10-04')
  })

  it('gives times seconds and a zone, UTC when none was written', () => {
    expect(w3cDate('2022-10-04 10:30')).toBe('2022-10-04T10:30:00Z')
    expect(w3cDate('2022-10-04T10:30:15.250')).toBe('2022-10-04T10:30:15.250Z')
    expect(w3cDate('2022-10-04T10:30:00+0200')).toBe('2022-10-04T10:30:00+02:00')
    expect(w3cDate('2022-10-04T10:30:00-05:00')).toBe('2022-10-04T10:30:00-05:00')
    expect(w3cDate('2022-10-04T10:30:00Z')).toBe('2022-10-04T10:30:00Z')
  })

  it('has nothing to say about no date or a malformed one', () => {
    expect(w3cDate(undefined)).toBeUndefined()
    expect(w3cDate('October 4th')).toBeUndefined()
  })
})
