import {describe, expect, it} from 'vitest'
import * as quire from '../src/index.js'

describe('public API', () => {
  it('exposes exactly these runtime exports', () => {
    expect(Object.keys(quire).sort()).toEqual(['ConfigError', 'FormatUnavailableError', 'build', 'defineConfig', 'defineEmitter'])
  })

  it('defineConfig and defineEmitter return what they are given', () => {
    const config = {content: 'notes', html: {toc: false}}
    expect(quire.defineConfig(config)).toBe(config)
    const emitter = {name: 'x', description: '', writes: [], note() {}}
    expect(quire.defineEmitter(emitter)).toBe(emitter)
  })

  it('the package exports map points at the built entry', async () => {
    const manifest = (await import('../package.json', {with: {type: 'json'}})).default as {exports: Record<string, unknown>; bin: Record<string, string>}
    expect(manifest.exports['.']).toEqual({types: './dist/index.d.ts', default: './dist/index.js'})
    expect(manifest.bin.quire).toBe('./dist/cli/bin.js')
  })
})
