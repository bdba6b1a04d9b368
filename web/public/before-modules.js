// Runs before the portal's modules (a classic script: index.html loads it ahead of them). The site's
// content security policy allows no eval (functions/http/limits.ts): zod, told to parse without
// compiling, also skips its `new Function` probe, which the browser would report as a violation.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
