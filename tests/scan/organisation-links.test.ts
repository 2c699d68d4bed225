import { describe, expect, it } from 'vitest'
import { categoriesOf, scanFixture } from './fixture.js'

describe("a field typed by an organisation's record links to it, as a Prisma relation does", () => {
  it('is no workplace: the record itself is judged where it is declared', async () => {
    const { findings } = await scanFixture('organisation-links')
    for (const symbol of [
      'Card.organization',
      'People.company',
      'NavigatorParams.organization',
      'ProjectEntity.organisation',
      'updateUser.organization',
      'MembersPanelProps.organization',
    ])
      expect(categoriesOf(findings, symbol), symbol).toEqual([])
  })

  it("an employer written as a name in a person's record is still the workplace", async () => {
    const { findings } = await scanFixture('organisation-links')
    expect(categoriesOf(findings, 'UserProfile.company')).toEqual(['user.workplace'])
    expect(categoriesOf(findings, 'UserProfile.organization')).toEqual(['user.workplace'])
    expect(categoriesOf(findings, 'People.email')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, 'updateUser.company')).toEqual(['user.workplace'])
  })
})
