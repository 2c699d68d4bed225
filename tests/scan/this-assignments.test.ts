import { describe, expect, it } from 'vitest'
import { found, scanFixture } from './fixture.js'

describe('values kept on `this` in plain JavaScript classes, stores and components', () => {
  it('classifies members assigned through `this` with their holder, and leaves flags, counts and errors out', async () => {
    const { findings } = await scanFixture('this-assignments')
    expect(found(findings, 'personalData')).toEqual(
      [
        // a Pinia options store's action: the store's variable is what `this` is
        'user.device.device_id @ stores/mobile.js:useMobileStore.devicePersistentId',
        // `this.auth.jwt`: the member it is written under is its holder
        'user.authorization.credentials @ stores/auth.js:auth.jwt',
        // a Vue options component: the file is what `this` is
        'user.device.ip_address @ components/SystemLogs.vue:SystemLogs.ipAddress',
        // a class: its name is the holder
        'user.contact.email @ lib/errors.js:Profile.email',
        // not found: `isApp`, `pushEnabled`, `retryCount` and `loading` (flags and counts), `mobilePushId` (a push
        // id, not a phone), `name` in a component not named for a person, `token` and `name` of an Error class,
        // `onChange` (a function); `Address.street` and `locality`, which the class declares beside a place's `geom`
        // (judged at the declaration)
      ].sort(),
    )
  })
})
