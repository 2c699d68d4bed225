import { describe, expect, it } from 'vitest'
import { capHeapGrowth, heapChosen } from '../../src/util/heap-growth.js'

describe('heap growth cap', () => {
  it('keeps a heap size or schedule the user chose, on the command line or in NODE_OPTIONS', () => {
    expect(heapChosen(['--max-old-space-size=4096'], undefined)).toBe(true)
    expect(heapChosen([], '--enable-source-maps --heap-growing-percent=50')).toBe(true)
    expect(heapChosen(['--predictable-gc-schedule'], '')).toBe(true)
    expect(capHeapGrowth(['--max_old_space_size=2048'], undefined)).toBe(false)
  })

  it('caps the growth when no heap flag was given, other flags alike', () => {
    expect(heapChosen(['--inspect', '--max-semi-space-size=32'], '--enable-source-maps')).toBe(false)
    expect(heapChosen([], '--max-old-space-sizes')).toBe(false)
    expect(capHeapGrowth(['--enable-source-maps'], undefined)).toBe(true)
  })
})
