import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules, vendorEvidence } from './fixture.js'

const evidence = (min: 'medium' | 'low' = 'medium'): Promise<string[]> =>
  vendorEvidence('framework-modules', min)

describe('packages and servers a framework loads from its config file (fixtures/detectors/framework-modules)', () => {
  it('counts a vendor package in Nuxt modules and Gatsby plugins as a use, and its declared dependency with it', async () => {
    expect(await evidence()).toEqual([
      // The Expo app config's updates server.
      'expo-eas-update high @ apps/mobile/app.json:11',
      // The manifests count once the config shows the package used.
      'hotjar medium @ sites/blog/gatsby-config.js:5',
      'hotjar medium @ sites/blog/package.json:1',
      // `nuxt-posthog` is named after PostHog: medium, as an import of it would be.
      'posthog medium @ apps/web/nuxt.config.ts:5',
      'posthog medium @ apps/web/package.json:1',
      'sentry high @ apps/base/nuxt.config.ts:6',
      'sentry high @ apps/base/package.json:7',
      // An Expo config plugin of a vendor (the local plugin and expo-router are not vendors).
      'sentry high @ apps/mobile/app.json:7',
      'vercel-analytics high @ apps/base/nuxt.config.ts:5',
      'vercel-analytics high @ apps/base/package.json:8',
    ])
  })

  it('ignores local and remote layers, plain packages and lists outside config files', async () => {
    const all = await evidence('low')
    expect(all.filter((e) => e.includes('apps/web/utils/menu.ts'))).toEqual([])
    // An app.json without an `expo` object is some other tool's file.
    expect(all.filter((e) => e.includes('tools/lighthouse/app.json'))).toEqual([])
    expect(all.every((e) => !e.includes('@ apps/web/nuxt.config.ts:3'))).toBe(true)
  })
})

describe('a broken Expo app config', () => {
  it('says so, located, when the file looks like an Expo config, and stays silent for other app.json files', () => {
    const expo = scanFile('apps/mobile/app.json', '{ "expo": { "plugins": [ } }', rules)
    expect(expo.notes.map((n) => [n.level, n.message.split(' (')[0]])).toEqual([
      ['warning', 'app.json is not valid JSON'],
    ])
    expect(expo.findings).toEqual([])
    expect(scanFile('tools/app.json', '{ "name": ', rules).notes).toEqual([])
  })
})
