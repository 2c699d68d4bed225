import { describe, expect, it } from 'vitest'
import { scanFixture } from './fixture.js'

describe('objects handed to calls named for a person', () => {
  it('classifies the keys of objects written to a person store or API, not those of other calls', async () => {
    const { findings } = await scanFixture('person-calls')
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
        // a chart's options and a tab's props are not a person's: nothing from drawChart or Header.jsx
      ].sort(),
    )
  })
})
