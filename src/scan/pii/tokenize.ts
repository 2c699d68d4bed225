/**
 * Identifier tokenizer: splits camelCase, snake_case, kebab-case, acronyms and digits into lowercase
 * tokens, so that rules match whole words (`zip` is not `ip`) rather than substrings.
 */

/** Letter+digit words that must stay whole (`ipv4`, not `ipv 4`). */
const GLUE = new Set([
  'ipv4',
  'ipv6',
  'oauth2',
  'oauth1',
  's3',
  'e164',
  'sha1',
  'sha256',
  'sha512',
  'md5',
  'base64',
  'b64',
  'utf8',
  'i18n',
  'l10n',
  'x509',
  'mp4',
  'h264',
  'web3',
  'ga4',
  '2fa',
  'k8s',
  'p256',
])

/** Single-token aliases expanded before matching. */
const ALIASES = new Map<string, string[]>(
  Object.entries({
    addr: ['address'],
    pwd: ['password'],
    passwd: ['password'],
    fname: ['first', 'name'],
    lname: ['last', 'name'],
    dob: ['date', 'of', 'birth'],
    emailaddr: ['email', 'address'],
    firstname: ['first', 'name'],
    lastname: ['last', 'name'],
    fullname: ['full', 'name'],
    realname: ['real', 'name'],
    surname: ['last', 'name'],
    birthdate: ['birth', 'date'],
    birthday: ['birth', 'date'],
    zipcode: ['zip', 'code'],
    postcode: ['postal', 'code'],
    postalcode: ['postal', 'code'],
    phonenumber: ['phone', 'number'],
    ipaddress: ['ip', 'address'],
    ipaddr: ['ip', 'address'],
    macaddress: ['mac', 'address'],
    useragent: ['user', 'agent'],
    bday: ['birth', 'date'],
    dateofbirth: ['date', 'of', 'birth'],
    emailaddress: ['email', 'address'],
    streetaddress: ['street', 'address'],
    middlename: ['middle', 'name'],
    givenname: ['given', 'name'],
    familyname: ['family', 'name'],
    displayname: ['display', 'name'],
    screenname: ['screen', 'name'],
    creditcard: ['credit', 'card'],
    cardnumber: ['card', 'number'],
    latlng: ['lat', 'lng'],
    latlon: ['lat', 'lon'],
    latlong: ['lat', 'long'],
    userid: ['user', 'id'],
    deviceid: ['device', 'id'],
    mobilenumber: ['mobile', 'number'],
  }),
)

/** Number abbreviations that mean "number" only after another token (`phoneNo`, not `noEmail`); `no` only last. */
const NUMBER_ABBREVIATIONS = new Set(['no', 'num', 'nbr', 'nr'])

const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g

/**
 * Tokens of recently seen identifiers: the same names recur across a code base. An object, not a Map, because
 * property keys are internalised copies, while a Map would keep each key's slice of a file's whole text alive.
 */
let tokenCache: Record<string, readonly string[]> = Object.create(null)
let tokenCacheSize = 0
const TOKEN_CACHE_LIMIT = 20_000

/** Splits an identifier into lowercase tokens, keeping glue words whole and expanding aliases. */
export function tokenizeIdentifier(identifier: string): string[] {
  const hit = tokenCache[identifier]
  if (hit) return hit.slice()
  const tokens = tokenize(identifier)
  if (tokenCacheSize >= TOKEN_CACHE_LIMIT) {
    tokenCache = Object.create(null)
    tokenCacheSize = 0
  }
  tokenCache[identifier] = tokens.slice()
  tokenCacheSize++
  return tokens
}

function tokenize(identifier: string): string[] {
  const raw: string[] = []
  for (const chunk of identifier.split(/[^A-Za-z0-9]+/)) {
    if (!chunk) continue
    for (const m of chunk.matchAll(WORD)) raw.push(m[0].toLowerCase())
  }
  const glued: string[] = []
  for (let i = 0; i < raw.length; i++) {
    let joined = false
    for (let width = 3; width >= 2; width--) {
      if (i + width > raw.length) continue
      const candidate = raw.slice(i, i + width).join('')
      if (GLUE.has(candidate)) {
        glued.push(candidate)
        i += width - 1
        joined = true
        break
      }
    }
    if (!joined) glued.push(raw[i]!)
  }
  const out: string[] = []
  for (let i = 0; i < glued.length; i++) {
    const token = glued[i]!
    // `no` before more words is the negation (`warnForNoPaymentMethod`); only at the end it is `phoneNo`.
    const negation = token === 'no' && i < glued.length - 1 && !/^\d+$/.test(glued[i + 1]!)
    if (i > 0 && NUMBER_ABBREVIATIONS.has(token) && !negation) {
      out.push('number')
      continue
    }
    const alias = ALIASES.get(token)
    if (alias) out.push(...alias)
    else out.push(token)
  }
  return out
}

const NEVER_SINGULARISE = new Set([
  'address',
  'status',
  'gps',
  'sms',
  'ios',
  'aws',
  'dns',
  'https',
  'os',
  'bus',
  'plus',
  'alias',
  'canvas',
  'news',
  'series',
  'species',
  'analytics',
  'class',
  'access',
  'business',
  'process',
  'success',
  'is',
  'has',
  'was',
  'this',
  'its',
  'us',
  'pass',
  'less',
  'glass',
  'miss',
  'gps',
  'iris',
  'sms',
  'mms',
  'lens',
  'yes',
  'atlas',
  'bias',
  'virus',
  'campus',
  'census',
  'consensus',
])

/** Plurals the suffix rules get wrong (`cookies` is not `cooky`). */
const IRREGULAR = new Map<string, string>(
  Object.entries({
    cookies: 'cookie',
    movies: 'movie',
    selfies: 'selfie',
    calories: 'calorie',
    zombies: 'zombie',
    rookies: 'rookie',
    hoodies: 'hoodie',
    goodies: 'goodie',
    newbies: 'newbie',
    pies: 'pie',
    ties: 'tie',
    lies: 'lie',
    children: 'child',
    diagnoses: 'diagnosis',
    analyses: 'analysis',
    indices: 'index',
    statuses: 'status',
    aliases: 'alias',
  }),
)

/** The singular form of a plural English token (`emails` → `email`); unchanged otherwise. */
export function singularise(token: string): string {
  if (token.length < 3 || NEVER_SINGULARISE.has(token)) return token
  const irregular = IRREGULAR.get(token)
  if (irregular) return irregular
  if (token.endsWith('ies') && token.length > 4) return token.slice(0, -3) + 'y'
  if (/(sses|xes|ches|shes)$/.test(token)) return token.slice(0, -2)
  if (token.endsWith('ss') || token.endsWith('us') || token.endsWith('is')) return token
  if (token.endsWith('s')) return token.slice(0, -1)
  return token
}
