import { describe, expect, it } from 'vitest'
import { found, scanFixture } from './fixture.js'

describe('Pinia stores persisted by pinia-plugin-persistedstate', () => {
  it('reports a persisted store as a cookie named by its key where the Nuxt module keeps state in cookies', async () => {
    const { findings } = await scanFixture('persisted-stores-nuxt')
    expect(found(findings, 'cookie')).toEqual([
      'shop-account @ stores/account.ts:defineStore',
      'shop-cart @ stores/cart.ts:defineStore',
    ])
  })

  it('reports none where the Vue plugin keeps persisted stores in localStorage', async () => {
    const { findings } = await scanFixture('persisted-stores-vue')
    expect(found(findings, 'cookie')).toEqual([])
  })
})
