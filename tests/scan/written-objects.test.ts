import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

describe('objects written to a store or an API', () => {
  it('classifies the keys of objects handed to person calls and of request payloads, not those of other calls', async () => {
    const { findings } = await scanFixture('written-objects')
    const personal = findings
      .filter((f) => f.kind === 'personalData')
      .map((f) => `${f.key} @ ${f.evidence.path}:${f.evidence.symbol ?? ''}`)
      .sort()
    expect(personal).toEqual(
      [
        'user.name @ src/store/session.js:userInfo_setItem.name',
        'user.name @ src/store/session.js:addUserInfo.name',
        'user.content.self_image @ src/store/session.js:addUserInfo.imageUrl',
        // a bare `id` is the classifier's to judge (it needs a person word in its own name)
        'user.unique_id @ src/store/session.js:userPlayHistory.uid',
        // a request config's payload, with the sending function as container (`episodeId` is not personal)
        'user.behavior.media_consumption @ src/store/session.js:addOrUpdateHistoryItem.userPlaybackPosition',
        'user.contact.email @ src/store/session.js:addOrUpdateHistoryItem.email',
        // a JSON module destructured is data; an editor library's default export destructured is its classes
        'user.contact.email @ src/editor/keys.js:profile.email',
        // `phone` is a literal written in the code, not a person's: left out
        // a chart's options and data, an SDK's options (`username: 'api'`), a column's `cell` renderer and a tab's props are not a person's: nothing else from drawChart,
        // addOrUpdateHistoryItem's draw() or Header.jsx; a migration's column definitions (objects, not values) are left
        // out of this detector
      ].sort(),
    )
  })
})
