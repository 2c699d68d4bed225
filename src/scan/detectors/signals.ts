/** Name-independent evidence of a data category: a validator, an input type, a request property. */
export interface Signal {
  category: string
  rule: string
  reason: string
}

/** A short description of the built-in signal and cookie-API rules, for `explain <rule-id>`. */
export const BUILTIN_RULES: Record<string, string> = {
  'signal.schema.email':
    'a schema validator for email addresses (z.string().email(), z.email(), yup .email(), v.email())',
  'signal.schema.ip': 'a schema validator for IP addresses (z.string().ip(), z.ipv4(), isIP)',
  'signal.schema.phone': 'a schema validator for phone numbers (E.164, isMobilePhone)',
  'signal.schema.credit-card': 'a schema validator for card numbers',
  'signal.schema.iban': 'a schema validator for IBANs',
  'signal.html.autocomplete':
    'an <input autocomplete> token from the HTML autofill list, mapped through the taxonomy',
  'signal.html.input-type': '<input type="email|tel|password">',
  'signal.request.ip':
    'a read of the client IP address (req.ip, req.socket.remoteAddress, getClientAddress(), ipAddress(req))',
  'signal.request.ip-header': 'a read of a client-IP header (x-forwarded-for, x-real-ip, cf-connecting-ip …)',
  'signal.request.user-agent': 'a read of the user-agent request header',
  'signal.request.geo': "a read of the visitor's location from the platform (request.geo, geolocation(req))",
  'signal.request.geo-header': 'a read of a geo-IP header (x-vercel-ip-country, cf-ipcountry …)',
  'signal.browser.geolocation':
    "a read of the device position: navigator.geolocation.getCurrentPosition / watchPosition, React Native's and Capacitor's Geolocation, expo-location",
  'signal.device.push-token':
    "a read of the device's push token (expo-notifications getExpoPushTokenAsync, Firebase Messaging getToken, OneSignal pushSubscription, pushManager.subscribe)",
  'signal.browser.user-agent': 'navigator.userAgent',
  'signal.ai.prompt':
    'a prompt or messages built at run time and sent to a language model (AI SDK, OpenAI, Anthropic)',
  'cookie-api.express': 'res.cookie(name, …) in Express-style handlers',
  'cookie-api.fastify': 'reply.setCookie(name, …) (@fastify/cookie)',
  'cookie-api.cookies-set':
    'cookies.set(name, …): Koa ctx.cookies, Next.js cookies() and response.cookies, SvelteKit, Astro',
  'cookie-api.js-cookie': 'Cookies.set(name, …) (js-cookie, universal-cookie, cookieStore)',
  'cookie-api.document-cookie': 'document.cookie = "name=…"',
  'cookie-api.set-cookie-header': 'a Set-Cookie response header',
  'cookie-api.cookie': 'cookie.serialize(name, …)',
  'cookie-api.auto-import': 'setCookie(event, name) / useCookie(name) auto-imported by Nuxt / h3',
  'cookie-api.helper': 'a local cookie-setting helper called with a literal name (setCookie("name", …))',
  'cookie-api.react-cookie': 'useCookies([...]) / its setter (react-cookie)',
  'cookie-api.read':
    'a cookie read by name (req.cookies.x, cookies().get(name), Cookies.get, getCookie): the cookie exists',
  'cookie-api.delete':
    'a cookie deleted by name (cookies().delete, res.clearCookie, Cookies.remove, deleteCookie): the cookie exists',
  'cookie-api.set-cookie-string': 'a string written as a Set-Cookie line ("theme=dark; Path=/")',
}
