import { describe, expect, it } from 'vitest'
import { categoriesOf, found, personalSymbols, scanFixture } from './fixture.js'

describe('personal data from forms', () => {
  it('JSX inputs: autocomplete, type and name; react-hook-form register(); server-action formData.get()', async () => {
    const { findings } = await scanFixture('forms-jsx')
    expect(categoriesOf(findings, '<input name="email">')).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, '<Input name="mobile">')).toEqual(['user.contact.phone_number'])
    expect(categoriesOf(findings, '<input name="password">')).toEqual(['user.authorization.password'])
    expect(categoriesOf(findings, "register('postalCode')")).toEqual(['user.contact.address.postal_code'])
    expect(categoriesOf(findings, "formData.get('email')")).toEqual(['user.contact.email'])
    expect(categoriesOf(findings, '<select name="country">')).toEqual(['user.contact.address.country'])
    const autocomplete = findings.find((f) => f.evidence.symbol === '<input name="fullName">')!.evidence
    expect(autocomplete).toMatchObject({
      rule: 'signal.html.autocomplete',
      how: 'form-input',
      reason: 'autocomplete="name"',
    })
    const symbols = personalSymbols(findings)
    for (const s of ['<input name="csrfToken">', "formData.get('utm_source')"])
      expect(symbols.has(s), s).toBe(false)
  })

  it('Angular reactive forms: builder groups, FormGroup, addControl and template control bindings', async () => {
    const { findings } = await scanFixture('forms-angular')
    const at = (path: string): string[] =>
      findings
        .filter((f) => f.kind === 'personalData' && f.evidence.path === `src/app/member/${path}`)
        .map((f) => `${f.key} ${f.evidence.symbol ?? ''}`)
        .sort()
    expect(at('member-form.component.ts')).toEqual([
      "user.contact.address.postal_code this.form.addControl('postalCode')",
      'user.content.private this.fb.group({ notes })',
      'user.demographic.date_of_birth this.fb.group({ birthDate })',
      'user.demographic.gender this.fb.group({ genderId })',
      'user.name.first this.fb.group({ firstName })',
    ])
    // a custom element is a control when `formControlName` binds it; `formGroupName` names a group, not a field
    expect(at('member-form.component.html')).toEqual([
      'user.contact.address.city <input name="city">',
      'user.demographic.date_of_birth <input name="birthDate">',
      'user.demographic.gender <mat-select name="genderId">',
      'user.demographic.marital_status <mat-select name="maritalStatusId">',
      'user.name.first <input name="firstName">',
    ])
  })

  it('HTML-like templates: .ejs, .hbs, .pug, .vue (v-model) and .svelte (bind:value)', async () => {
    const { findings, inventory } = await scanFixture('forms-html')
    const at = (path: string): string[] =>
      [...new Set(findings.filter((f) => f.evidence.path === path).map((f) => f.key))].sort()
    expect(at('views/signup.ejs')).toEqual(['user.contact.email', 'user.name.first', 'user.name.last'])
    expect(at('views/checkout.hbs')).toEqual([
      'user.contact.address.postal_code',
      'user.contact.address.street',
      'user.contact.phone_number',
    ])
    expect(at('views/contact.pug')).toEqual(['user.contact.email', 'user.name'])
    expect(at('src/components/Register.vue')).toEqual([
      'user.contact.email',
      'user.demographic.date_of_birth',
      'user.name.last',
    ])
    expect(at('src/components/Subscribe.svelte')).toEqual([
      'user.contact.address.city',
      'user.contact.phone_number',
    ])
    expect(at('views/index.html')).toEqual([])
    // template tags inside <script> are blanked, so the inline script parses without a syntax note
    expect(inventory.notes.filter((n) => n.path === 'views/signup.ejs')).toEqual([])
  })
})

describe('personal data from request reads', () => {
  it('Express, Koa and Next.js: payload fields, client IP, forwarding headers, geo and user agent', async () => {
    const { findings } = await scanFixture('request')
    expect(found(findings, 'personalData')).toEqual(
      [
        'user.contact.phone_number @ src/app/api/track/route.ts:body.phoneNumber',
        'user.authorization.password @ server/app.js:req.body.password',
        'user.contact.email @ server/app.js:req.body.email',
        "user.device.ip_address @ server/app.js:req.get('X-Forwarded-For')",
        'user.device.ip_address @ server/app.js:req.ip',
        'user.device.ip_address @ server/app.js:req.socket.remoteAddress',
        "user.device.ip_address @ server/koa.ts:ctx.get('cf-connecting-ip')",
        'user.device.ip_address @ server/koa.ts:ctx.ip',
        "user.device.ip_address @ src/app/api/track/route.ts:headers().get('x-real-ip')",
        'user.device.ip_address @ src/app/api/track/route.ts:ipAddress()',
        "user.device.user_agent @ server/app.js:req.headers['user-agent']",
        // server/bots.ts: only the three reads that store the user agent (visit, track, remember's insert); the bot,
        // browser, default (`agent || ''`), comparison (`=== 'NIGHTWATCH'`) and presence (`ua && …`, `!ua`, `if (ua)`)
        // checks test it and drop it.
        "user.device.user_agent @ server/bots.ts:req.headers['user-agent']",
        "user.device.user_agent @ server/bots.ts:req.get('user-agent')",
        "user.device.user_agent @ server/bots.ts:req.get('user-agent')",
        'user.location.imprecise @ src/app/api/track/route.ts:geolocation()',
        "user.location.imprecise @ src/app/api/track/route.ts:request.headers.get('x-vercel-ip-country')",
      ].sort(),
    )
  })
})

describe('form inputs in infrastructure forms', () => {
  it('does not report an SMTP transport form’s password box, but does report a sign-in form’s', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const { rules } = await import('./fixture.js')
    const code = [
      'export function EmailTransportForm() {',
      '  return <form><input type="password" name="smtpSecret" /><input type="email" name="fromAddress" /></form>',
      '}',
      'export function CredentialsForm() {',
      '  return <form><input type="email" name="email" /><input type="password" name="password" /></form>',
      '}',
    ].join('\n')
    const facts = scanFile('src/forms.tsx', code, rules)
    expect(facts.findings.map((f) => `${f.key} ${f.evidence.line}`).sort()).toEqual([
      'user.authorization.password 5',
      'user.contact.email 5',
    ])
  })
})

describe('masked inputs named for a key or token', () => {
  it('classifies the name of a password box that hides an API key or secret, not the box as a user password', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const { rules } = await import('./fixture.js')
    const code = [
      'export function ArrSettingsModal() {',
      '  return <form><input name="apikey" type="password" value={apiKey} /><input type="password" value={secretKey} /></form>',
      '}',
      'export function PluginDetail() {',
      '  return <input type="password" value={credential} />',
      '}',
      'export function UserProfile() {',
      '  return <input type="password" name="apiKey" />',
      '}',
      'export function SignIn() {',
      '  return <form><input type="password" value={password} />',
      '    <input type="password" value={form.pin} /></form>',
      '}',
    ].join('\n')
    const facts = scanFile('src/settings.tsx', code, rules)
    // the operator's service keys are nobody's personal data; a user's own API key stays a credential; a password
    // box bound to a password (or to a name that says nothing of a key) stays a password
    expect(facts.findings.map((f) => `${f.key} ${f.evidence.line}`).sort()).toEqual([
      'user.authorization.credentials 8',
      'user.authorization.password 11',
      'user.authorization.password 12',
    ])
  })
})

describe('React Native inputs', () => {
  it('reads a TextInput with secureTextEntry as a password box, not one without it or with it off', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const { rules } = await import('./fixture.js')
    const code = [
      "import { TextInput } from 'react-native'",
      'export function SignIn() {',
      '  return <>',
      '    <TextInput placeholder="Handle" value={identifier} />',
      '    <TextInput placeholder="App Password" value={password} secureTextEntry />',
      '    <TextInput placeholder="Code" value={code} secureTextEntry={false} />',
      '  </>',
      '}',
    ].join('\n')
    const facts = scanFile('src/sign-in.tsx', code, rules)
    expect(facts.findings.map((f) => `${f.key} ${f.evidence.line}`).sort()).toEqual([
      'user.authorization.password 5',
    ])
  })
})

describe('personal data from server-side reads of submitted data', () => {
  it('route handlers and form actions (SvelteKit, Remix, Next server actions, Nuxt, Netlify); traps left alone', async () => {
    const { findings } = await scanFixture('submitted-data')
    expect(found(findings, 'personalData')).toEqual(
      [
        // SvelteKit action reading `event.request.formData()`; `formData.get('intent')` is not personal
        "user.contact.email @ src/routes/contact/+page.server.ts:formData.get('email')",
        "user.contact.phone_number @ src/routes/contact/+page.server.ts:formData.get('phone')",
        "user.content.private @ src/routes/contact/+page.server.ts:formData.get('message')",
        // Remix action: `Object.fromEntries(await request.formData())` destructured (`plan` is not personal)
        'user.contact.email @ app/routes/signup.tsx:request.formData().email',
        'user.name @ app/routes/signup.tsx:request.formData().displayName',
        // Next.js server action: the form is a parameter typed FormData under any name (`utm_source` is not personal)
        "user.contact.email @ src/app/actions/newsletter.ts:input.get('emailAddress')",
        // Nuxt / h3 readBody
        'user.contact.email @ server/api/subscribe.post.ts:body.email',
        'user.demographic.language @ server/api/subscribe.post.ts:body.locale',
        // App Router query: `q` and `page` are not personal, an invitee's email is
        "user.contact.email @ src/app/api/search/route.ts:req.nextUrl.searchParams.get('invitee_email')",
        // `await request.json()` destructured; a Map's `get('email')` is not a form
        'user.authorization.password @ src/app/api/signup/route.ts:request.json().password',
        'user.contact.email @ src/app/api/signup/route.ts:request.json().email',
        'user.government_id.national_identification_number @ src/app/api/signup/route.ts:request.json().ssn',
        // Netlify function: `JSON.parse(event.body)`
        'user.contact.phone_number @ netlify/functions/lead.ts:event.body.phoneNumber',
        'user.name @ netlify/functions/lead.ts:event.body.fullName',
        'user.workplace @ netlify/functions/lead.ts:event.body.company',
        // and the object it hands to a call named for a person's record (written-objects)
        'user.contact.phone_number @ netlify/functions/lead.ts:createLead.phoneNumber',
        'user.name @ netlify/functions/lead.ts:createLead.fullName',
        'user.workplace @ netlify/functions/lead.ts:createLead.company',
        // a non-request value destructured: a payment method's billing details (a product's sku is not personal)
        'user.contact.address @ src/lib/billing.ts:paymentMethod.billing_details.address',
        'user.contact.phone_number @ src/lib/billing.ts:paymentMethod.billing_details.phone',
        'user.name @ src/lib/billing.ts:paymentMethod.billing_details.name',
        // nothing from src/app/api/signup/route.test.ts: test files are not the product
      ].sort(),
    )
    const formRead = findings.find((f) => f.evidence.symbol === "formData.get('email')")!
    expect(formRead.evidence).toMatchObject({ how: 'form-input', line: 8 })
  })
})

describe('user-agent reads only tested', () => {
  it('drops a user agent that is the right of `&&` on its way to a presence check, keeps one that is stored', async () => {
    const { scanFile } = await import('../../src/scan/scan-file.js')
    const { rules } = await import('./fixture.js')
    const code = [
      'export function isSafari() {',
      "  return Boolean(navigator.vendor && navigator.userAgent && navigator.userAgent.indexOf('CriOS') == -1)",
      '}',
      'export function agent(ready: boolean) {',
      '  const ua = ready && navigator.userAgent',
      '  return { ua }',
      '}',
    ].join('\n')
    const facts = scanFile('src/browser.ts', code, rules)
    expect(facts.findings.map((f) => `${f.key} ${f.evidence.line}`)).toEqual(['user.device.user_agent 5'])
  })
})
