import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

/** `symbol category` of each personal-data finding of a scanned snippet, sorted. */
function personal(path: string, code: string): string[] {
  return scanFile(path, code, rules)
    .findings.filter((f) => f.kind === 'personalData')
    .map((f) => `${f.evidence.symbol} ${f.key}`)
    .sort()
}

describe('whose data a field is: institutions, integrations, tallies', () => {
  it("reads a clinic's or a school's address and website as the institution's, its patients' as theirs", () => {
    const code = [
      "import * as yup from 'yup'",
      'export const clinicSchema = yup.object().shape({',
      '  name: yup.string().required(),',
      '  address: yup.string().required(),',
      '  city: yup.string().required(),',
      '  postalCode: yup.string().required(),',
      '  website: yup.string().url(),',
      '})',
      'export const patientSchema = yup.object().shape({',
      '  firstName: yup.string(),',
      '  address: yup.string(),',
      '  city: yup.string(),',
      '})',
    ].join('\n')
    const found = personal('src/core/schemas.js', code)
    for (const field of ['address', 'city', 'postalCode', 'website'])
      expect(found.filter((s) => s.startsWith(`clinicSchema.${field} `))).toEqual([])
    expect(found).toContain('patientSchema.address user.contact.address')
  })

  it("reads a type three folders inside an integrations folder as that service's payload", () => {
    const code = [
      'export interface CrmContact {',
      '  id: string',
      '  email: string',
      '  firstName?: string',
      '  company?: string',
      '}',
    ].join('\n')
    expect(personal('src/integrations/somecrm/server/context.ts', code)).toEqual([])
    expect(personal('src/lib/server/crm/context.ts', code)).toContain('CrmContact.company user.workplace')
  })

  it('counts a Mongoose map of numbers keyed by a data word as a tally, not the data', () => {
    const code = [
      "import mongoose from 'mongoose'",
      'const ProfileSchema = new mongoose.Schema({',
      '  stats: {',
      '    countries: { type: Map, of: Number },',
      '  },',
      '  country: { type: String },',
      '  homeCountries: { type: Map, of: String },',
      '})',
    ].join('\n')
    const found = personal('models/Profile.js', code)
    expect(found.some((s) => s.startsWith('ProfileSchema.stats.countries'))).toBe(false)
    expect(found.some((s) => s.startsWith('ProfileSchema.country '))).toBe(true)
    expect(found.some((s) => s.startsWith('ProfileSchema.homeCountries '))).toBe(true)
  })

  it("reads a blockchain transaction's vin as its inputs, a car's as its vehicle number", () => {
    const tx = [
      'export function f(tx: any) {',
      '  const { vin: inputs, vout, ...rest } = tx',
      '  return [inputs, vout, rest]',
      '}',
    ].join('\n')
    expect(personal('src/wallet.ts', tx).filter((s) => s.includes('vehicle'))).toEqual([])
    const car = ['export interface Car {', '  make: string', '  vin: string', '}'].join('\n')
    expect(personal('src/car.ts', car)).toContain('Car.vin user.government_id.vehicle_registration')
  })
})

describe('what a value is, when two names disagree', () => {
  it('reads a submitted field that is only negated as a presence test (a honeypot), and reports its other reads', () => {
    const code = [
      "import express from 'express'",
      'const app = express()',
      "app.post('/subscribe', (req, res) => {",
      '  const botFree = !req.body.address',
      '  const email = req.body.email',
      '  res.json({ botFree, email })',
      '})',
      "app.post('/address', (req, res) => {",
      "  if (!req.body['address']) return res.sendStatus(400)",
      '  res.json({ address: req.body.address })',
      '})',
    ].join('\n')
    const found = scanFile('server/routes.js', code, rules).findings.filter((f) => f.kind === 'personalData')
    const lines = (key: string) =>
      found
        .filter((f) => f.key === key)
        .map((f) => f.evidence.line)
        .sort((a, b) => a - b)
    expect(lines('user.contact.email')).toEqual([5])
    expect(lines('user.contact.address')).toEqual([10])
  })

  it('reads a control named for an e-mail and marked as the login (autocomplete=username) as the e-mail', () => {
    const code = [
      'export function SignIn({ email }: { email: string }) {',
      '  return (',
      '    <form>',
      '      <input type="text" name="email" defaultValue={email} autoComplete="username" />',
      '      <input type="text" name="handle" autoComplete="username" />',
      '      <input type="password" name="password" autoComplete="current-password" />',
      '    </form>',
      '  )',
      '}',
    ].join('\n')
    const found = personal('src/sign-in.tsx', code)
    expect(found).toContain('<input name="email"> user.contact.email')
    expect(found).not.toContain('<input name="email"> user.account.username')
    expect(found).toContain('<input name="handle"> user.account.username')
  })

  it('reads a login key given an e-mail address as that e-mail, a handle as the login', () => {
    const code = [
      'export function save(api: any, newEmail: string, handle: string) {',
      '  api.updateUser({ username: newEmail, emails: [newEmail] })',
      '  api.updateMember({ username: handle })',
      '}',
    ].join('\n')
    const found = personal('src/core/api.js', code)
    expect(found).toContain('updateUser.username user.contact.email')
    expect(found).not.toContain('updateUser.username user.account.username')
    expect(found).toContain('updateMember.username user.account.username')
  })

  it("reads a property hung on a DOM element as the element's, not the data its name suggests", () => {
    const code = [
      'export function ping(query: string) {',
      '  const img = new Image()',
      '  ;(img as HTMLImageElement & { query: string }).query = query',
      '  return img',
      '}',
    ].join('\n')
    expect(personal('src/ping.ts', code).filter((s) => s.includes('ai_prompt'))).toEqual([])
  })
})

describe('where a person is, and who they are on a protocol', () => {
  it('reads a lone country of a person, or one beside the IP, as an approximate location; beside a city as an address', () => {
    const code = [
      'export interface PortalUser {',
      '  id: string',
      '  name: string',
      '  email: string',
      '  country: string | null',
      '}',
      'export interface CustomerAddress {',
      '  street: string',
      '  city: string',
      '  country: string',
      '}',
    ].join('\n')
    const found = personal('src/users/types.ts', code)
    expect(found).toContain('PortalUser.country user.location.imprecise')
    expect(found).toContain('CustomerAddress.country user.contact.address.country')
    const sql = [
      'CREATE TABLE `clicks` (',
      '  `campaign` int NOT NULL,',
      '  `ip` varchar(100) DEFAULT NULL,',
      '  `country` varchar(2) DEFAULT NULL',
      ');',
    ].join('\n')
    const fromSql = scanFile('setup/base.sql', sql, rules)
      .findings.filter((f) => f.kind === 'personalData')
      .map((f) => `${f.evidence.symbol} ${f.key}`)
    expect(fromSql).toContain('clicks.country user.location.imprecise')
  })

  it("reads an AT Protocol DID of the signed-in person as their id, and a person's analytics switch as a preference", () => {
    const code = [
      'export interface UserSession {',
      '  did: string',
      '  handle: string',
      '}',
      'export type Preferences = {',
      '  analytics_enabled: boolean | null',
      '}',
      'export interface AppConfig {',
      '  analyticsEnabled: boolean',
      '}',
    ].join('\n')
    const found = personal('src/types.ts', code)
    expect(found).toContain('UserSession.did user.unique_id')
    expect(found).toContain('Preferences.analytics_enabled user.privacy_preferences')
    expect(found.some((s) => s.startsWith('AppConfig.'))).toBe(false)
  })
})

describe('form controls described as data', () => {
  it('reads an array of input descriptions as a form: the type first, then the name', () => {
    const code = [
      'export class Login {',
      '  formInputs() {',
      '    return [',
      "      { name: 'username', placeholder: 'Email', type: 'email' },",
      "      { name: 'password', placeholder: 'Password', type: 'password' },",
      "      { name: 'remember', label: 'Remember me', type: 'checkbox' },",
      '    ]',
      '  }',
      '  profileInputs() {',
      "    const inputs = [{ name: 'fullName', label: 'Full name', type: 'text' }]",
      "    inputs.push({ name: 'lang', label: 'Language', type: 'select' })",
      '    return inputs',
      '  }',
      '}',
    ].join('\n')
    const found = scanFile('app/pages/login.js', code, rules)
      .findings.filter((f) => f.kind === 'personalData')
      .map((f) => `${f.key} @ ${f.evidence.line}`)
      .sort()
    expect(found).toEqual([
      'user.authorization.password @ 5',
      'user.contact.email @ 4',
      'user.demographic.language @ 11',
      'user.name @ 10',
    ])
  })

  it('leaves objects that only look like one, and the settings forms of a mail transport', () => {
    const code = [
      "export const columns = [{ name: 'email', type: 'string', label: 'E-mail' }]",
      "export const option = { name: 'password', type: 'password' }",
      'export function SmtpSettingsForm() {',
      "  return [{ name: 'password', label: 'SMTP password', type: 'password' }]",
      '}',
    ].join('\n')
    expect(personal('src/settings.js', code)).toEqual([])
  })
})

describe('the container of an intersection', () => {
  it("names a type alias's fields after the alias, a cast's after the type it extends", () => {
    const code = [
      'interface TimestampFields { created: Date }',
      'export type ProductReview = {',
      '  authorId: string',
      '  rating: number',
      '  title?: string',
      '} & TimestampFields',
      'export const dnt = (navigator as Navigator & { msDoNotTrack?: string }).msDoNotTrack',
    ].join('\n')
    const symbols = scanFile('src/db/reviews.ts', code, rules)
      .findings.filter((f) => f.kind === 'personalData')
      .map((f) => `${f.evidence.symbol} ${f.key}`)
    expect(symbols).toContain('ProductReview.title user.content.public')
    expect(symbols.some((s) => s.startsWith('TimestampFields.'))).toBe(false)
  })
})
