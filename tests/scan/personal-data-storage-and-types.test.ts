import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

/** `symbol category` of each personal-data finding of one file. */
const personal = (path: string, code: string): string[] =>
  scanFile(path, code, rules)
    .findings.filter((f) => f.kind === 'personalData')
    .map((f) => `${f.evidence.symbol} ${f.key}`)

const cookies = (path: string, code: string): string[] =>
  scanFile(path, code, rules)
    .findings.filter((f) => f.kind === 'cookie')
    .map((f) => f.key)

describe('personal data kept in browser storage, typed null, or in a type borrowing a utility type', () => {
  it('classifies the key a value is kept under in localStorage or sessionStorage', () => {
    const code = [
      "const KEY = 'cookie-consent'",
      'export function save(consents: Record<string, boolean>) {',
      '  localStorage.setItem(KEY, JSON.stringify(consents))',
      "  window.sessionStorage.setItem('marketingOptIn', 'true')",
      "  localStorage.setItem('theme', 'dark')",
      '  localStorage.setItem(`draft-${Date.now()}`, consents.x ? "a" : "b")',
      '}',
    ].join('\n')
    expect(personal('src/consent.ts', code)).toEqual([
      "localStorage['cookie-consent'] user.privacy_preferences",
      "sessionStorage['marketingOptIn'] user.privacy_preferences",
    ])
    // a local object of the same name is not the browser's store
    const local = "const localStorage = new Map(); localStorage.setItem('cookie-consent', 'yes')\n"
    expect(personal('src/other.ts', local)).toEqual([])
  })

  it("reads the signed-in person's token kept in the device's storage, whatever service issued it", () => {
    const code = [
      "import AsyncStorage from '@react-native-async-storage/async-storage'",
      "import * as SecureStore from 'expo-secure-store'",
      "import { MMKV } from 'react-native-mmkv'",
      "import { StorageLabel, REFRESH_TOKEN_KEY } from './labels'",
      "const LASTFM_AUTH_TOKEN_KEY = 'lastfm_auth_token'",
      'const storage = new MMKV()',
      'export async function save(token: string, key: string) {',
      '  await AsyncStorage.setItem(LASTFM_AUTH_TOKEN_KEY, token)',
      '  await SecureStore.setItemAsync(REFRESH_TOKEN_KEY, token)',
      "  storage.set('token', token)",
      '  localStorage.setItem(StorageLabel.TOKEN, token)',
      '  window.sessionStorage.peer_token = token',
      "  localStorage.setItem('csrfToken', token)",
      "  localStorage.setItem('nextPageToken', token)",
      '  localStorage.setItem(key, token)',
      '}',
    ].join('\n')
    expect(personal('src/auth.ts', code)).toEqual([
      "AsyncStorage['lastfm_auth_token'] user.authorization.credentials",
      "SecureStore['REFRESH_TOKEN'] user.authorization.credentials",
      "storage['token'] user.authorization.credentials",
      "localStorage['TOKEN'] user.authorization.credentials",
      "sessionStorage['peer_token'] user.authorization.credentials",
    ])
    // a token in an object of the app's own is not kept on the device
    const local = "const cache = new Map(); cache.set('token', 'x')\nexport const o = { token: 'x' }\n"
    expect(personal('src/other.ts', local)).toEqual([])
  })

  it('reads no data from a field typed to hold no value', () => {
    const code = 'export interface User {\n  bio: null\n  email: string\n  website: undefined\n}\n'
    expect(personal('src/types/user.ts', code)).toEqual(['User.email user.contact.email'])
  })

  it("keeps a type alias's name for an object type intersected with a utility type", () => {
    const code = [
      "export type Company = { name: string; address: string; city: string; website: string } & Pick<RaRecord, 'id'>",
      "export type Contact = { first_name: string; email: string } & Pick<RaRecord, 'id'>",
    ].join('\n')
    expect(personal('src/types.ts', code)).toEqual([
      'Contact.first_name user.name.first',
      'Contact.email user.contact.email',
    ])
  })

  it("reads cookies of a request that is a member of the handler's parameter", () => {
    const code = [
      'export async function render(params: { req: express.Request; res: express.Response }) {',
      '  setAuthToken(params.req.cookies.token)',
      '  return params.res.cookies.other',
      '}',
    ].join('\n')
    expect(cookies('src/entry.server.tsx', code)).toEqual(['token'])
  })
})
