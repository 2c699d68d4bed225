import { describe, expect, it } from 'vitest'
import { categoriesOf, scanFixture } from './fixture.js'

describe('behaviour records: a persisted record of what a person did, tied to them by an id', () => {
  it('a purchase or play model with a person id records purchase history or media consumption', async () => {
    const { findings } = await scanFixture('behaviour-records')
    expect(categoriesOf(findings, 'MerchPurchase.userId')).toEqual([
      'user.behavior.purchase_history',
      'user.unique_id',
    ])
    expect(categoriesOf(findings, 'TrackPlay.userId')).toEqual([
      'user.behavior.media_consumption',
      'user.unique_id',
    ])
    // A donation paid through checkout and a table of books bought (typehero's, shortbook's) are purchases.
    expect(categoriesOf(findings, 'Donation.userId')).toEqual([
      'user.behavior.purchase_history',
      'user.unique_id',
    ])
    expect(categoriesOf(findings, 'book_buys.user_id')).toEqual([
      'user.behavior.purchase_history',
      'user.unique_id',
    ])
  })

  it('a model of something else, a settings model and a type are no behaviour records', async () => {
    const { findings } = await scanFixture('behaviour-records')
    expect(categoriesOf(findings, 'Project.ownerId')).toEqual(['user.unique_id'])
    expect(categoriesOf(findings, 'PurchaseSettings.userId')).toEqual(['user.unique_id'])
    // a model of orders is as often a sort order
    expect(categoriesOf(findings, 'CustomViewOrder.userId')).toEqual(['user.unique_id'])
    expect(categoriesOf(findings, 'TrackPlayEvent.userId')).toEqual(['user.unique_id'])
    const symbols = findings.filter((f) => f.kind === 'personalData').map((f) => f.evidence.symbol ?? '')
    expect(symbols.filter((s) => s.startsWith('ProjectDonation.'))).toEqual([])
  })
})
