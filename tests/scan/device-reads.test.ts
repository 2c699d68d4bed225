import { describe, expect, it } from 'vitest'
import { scanFile } from '../../src/scan/scan-file.js'
import { rules } from './fixture.js'

/** `category rule @ line` of each personal-data finding of a scanned snippet, in line order. */
function personal(path: string, code: string): string[] {
  return scanFile(path, code, rules)
    .findings.filter((f) => f.kind === 'personalData')
    .sort((a, b) => a.evidence.line - b.evidence.line)
    .map((f) => `${f.key} ${f.evidence.rule} @ ${f.evidence.line}`)
}

describe("reads of the device's push token", () => {
  it('reports the SDK calls that hand the app its push token, whatever the value is called', () => {
    // The shapes of graysky's and showtime's Expo registration, enatega's Firebase web push, a React Native Firebase
    // app, hyloreactnative's OneSignal subscription and split-pro's Web Push subscription.
    const code = [
      "import * as Notifications from 'expo-notifications'",
      "import { getToken } from 'firebase/messaging'",
      "import messaging from '@react-native-firebase/messaging'",
      "import { OneSignal } from 'react-native-onesignal'",
      'export async function register(reg: ServiceWorkerRegistration, firebase: unknown) {',
      '  const token = await Notifications.getExpoPushTokenAsync({ projectId })',
      '  const devicePushToken = await Notifications.getDevicePushTokenAsync()',
      '  const fcm = await getToken(firebase, { vapidKey })',
      '  const native = await messaging().getToken()',
      '  const id = await OneSignal.User.pushSubscription.getIdAsync()',
      '  const sub = await reg.pushManager.subscribe({ userVisibleOnly: true })',
      '  return { token, devicePushToken, fcm, native, id, sub }',
      '}',
    ].join('\n')
    expect(personal('src/lib/notifications.ts', code)).toEqual(
      [6, 7, 8, 9, 10, 11].map((line) => `user.device.device_id signal.device.push-token @ ${line}`),
    )
  })

  it('does not read a session token, a store subscription or a local getToken as a push token', () => {
    const code = [
      "import { getToken } from 'next-auth/jwt'",
      "import { store } from './store'",
      'export async function handler(req: Request) {',
      '  const session = await getToken({ req })',
      '  const off = store.subscribe(() => {})',
      '  const local = api.getIdAsync()',
      '  return { session, off, local }',
      '}',
    ].join('\n')
    expect(personal('src/lib/session.ts', code)).toEqual([])
  })
})

describe("reads of the device's position", () => {
  it("reports React Native's, Capacitor's and Expo's geolocation modules as the browser's is", () => {
    // hyloreactnative's useCurrentLocation: `Geolocation.getCurrentPosition(…)` of react-native-geolocation-service.
    const code = [
      "import Geolocation from 'react-native-geolocation-service'",
      "import * as Location from 'expo-location'",
      'export async function locate(done: (p: unknown) => void) {',
      '  Geolocation.getCurrentPosition(done, () => {})',
      '  const here = await Location.getCurrentPositionAsync({})',
      '  navigator.geolocation.watchPosition(done)',
      '  return here',
      '}',
    ].join('\n')
    expect(personal('src/hooks/useCurrentLocation.ts', code)).toEqual(
      [4, 5, 6].map((line) => `user.location.precise signal.browser.geolocation @ ${line}`),
    )
  })

  it('does not read a router location or a map position as the device position', () => {
    const code = [
      'export function center(map: { getCurrentPosition(): number[] }, location: Location) {',
      '  location.reload()',
      '  return map.getCurrentPosition()',
      '}',
    ].join('\n')
    expect(personal('src/map.ts', code)).toEqual([])
  })
})
