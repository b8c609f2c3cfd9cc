import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {RebuildQueue} from '../../src/watch/watcher.js'

/** A rebuild that lasts until the test says so, recording what it was given. */
function controlledRun() {
  const calls: string[][] = []
  const finishers: Array<() => void> = []
  let active = 0
  let maxActive = 0
  const run = async (changes: ReadonlySet<string>) => {
    calls.push([...changes].sort())
    active++
    maxActive = Math.max(maxActive, active)
    await new Promise<void>((resolve) => finishers.push(resolve))
    active--
  }
  return {
    calls,
    run,
    finish: async () => {
      finishers.shift()?.()
      await vi.advanceTimersByTimeAsync(0)
    },
    get maxActive() {
      return maxActive
    }
  }
}

describe('RebuildQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('waits for quiet: a burst of saves is one rebuild with every changed path', async () => {
    const runs = controlledRun()
    const queue = new RebuildQueue({delay: 150, run: runs.run})
    queue.schedule('a.md')
    await vi.advanceTimersByTimeAsync(100)
    queue.schedule('b.md')
    await vi.advanceTimersByTimeAsync(100)
    queue.schedule('a.md')
    await vi.advanceTimersByTimeAsync(149)
    expect(runs.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(runs.calls).toEqual([['a.md', 'b.md']])
    await runs.finish()
    await queue.close()
  })

  it('never overlaps: changes during a rebuild give exactly one more rebuild after it', async () => {
    const runs = controlledRun()
    const queue = new RebuildQueue({delay: 100, run: runs.run})
    queue.schedule('a.md')
    await vi.advanceTimersByTimeAsync(100)
    expect(runs.calls).toHaveLength(1)
    expect(queue.busy).toBe(true)
    queue.schedule('b.md')
    await vi.advanceTimersByTimeAsync(100)
    queue.schedule('c.md')
    await vi.advanceTimersByTimeAsync(100)
    queue.now('d.md')
    await vi.advanceTimersByTimeAsync(1000)
    expect(runs.calls).toHaveLength(1)
    await runs.finish()
    expect(runs.calls).toEqual([['a.md'], ['b.md', 'c.md', 'd.md']])
    await runs.finish()
    await vi.advanceTimersByTimeAsync(1000)
    expect(runs.calls).toHaveLength(2)
    expect(runs.maxActive).toBe(1)
    expect(queue.busy).toBe(false)
    await queue.close()
  })

  it('a change whose quiet period is still running when the rebuild ends waits for it', async () => {
    const runs = controlledRun()
    const queue = new RebuildQueue({delay: 100, run: runs.run})
    queue.now('a.md')
    await vi.advanceTimersByTimeAsync(0)
    queue.schedule('b.md')
    await vi.advanceTimersByTimeAsync(50)
    await runs.finish()
    expect(runs.calls).toEqual([['a.md']])
    await vi.advanceTimersByTimeAsync(50)
    expect(runs.calls).toEqual([['a.md'], ['b.md']])
    await runs.finish()
    await queue.close()
  })

  it('keeps going after a rebuild throws', async () => {
    const errors: unknown[] = []
    const calls: string[][] = []
    const queue = new RebuildQueue({
      delay: 10,
      run: async (changes) => {
        calls.push([...changes])
        if (calls.length === 1) throw new Error('bad note')
      },
      onError: (error) => errors.push(error)
    })
    queue.schedule('a.md')
    await vi.advanceTimersByTimeAsync(10)
    queue.schedule('a.md')
    await vi.advanceTimersByTimeAsync(10)
    expect(calls).toEqual([['a.md'], ['a.md']])
    expect(errors).toHaveLength(1)
    expect((errors[0] as Error).message).toBe('bad note')
    await queue.close()
  })

  it('close drops scheduled rebuilds and waits for the running one', async () => {
    const runs = controlledRun()
    const queue = new RebuildQueue({delay: 100, run: runs.run})
    queue.now('a.md')
    await vi.advanceTimersByTimeAsync(0)
    queue.schedule('b.md')
    let closed = false
    const closing = queue.close().then(() => (closed = true))
    await vi.advanceTimersByTimeAsync(500)
    expect(closed).toBe(false)
    await runs.finish()
    await closing
    expect(closed).toBe(true)
    queue.schedule('c.md')
    await vi.advanceTimersByTimeAsync(500)
    expect(runs.calls).toEqual([['a.md']])
  })
})
