/**
 * Requests checked against GitHub's published OpenAPI description
 * (@octokit/openapi, api.github.com): the method and path must be an
 * operation of the REST API, every query parameter one it declares, and the
 * JSON body valid against its request-body schema. The mock answers a request
 * that is not with 400 and records why, so the mock cannot drift from the
 * real API. Loaded once per test file; undefined when the package is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

type Schema = Record<string, unknown>
interface Operation {
  parameters?: Schema[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}
interface Route {
  method: string
  template: string
  re: RegExp
  op: Operation
}

const FILE = path.resolve(process.cwd(), 'node_modules/@octokit/openapi/generated/api.github.com.json')

let spec: { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, Schema>> } | undefined
let routes: Route[] | undefined

/**
 * Where a jest worker keeps the parsed description for its next test files:
 * each test file has its own module registry and global object, but all of
 * them share the worker's `Buffer` (jest-environment-node passes the real one
 * through). Parsing the 13 MB description once per worker instead of once per
 * test file saves about 0.2 s of CPU for each of the ~20 files that use the
 * mock. The cached objects are only read.
 */
const SHARED = Symbol.for('spec-template-check.openapi')
type Shared = { spec: NonNullable<typeof spec>; routes: Route[] }

/** Parses the description (once per jest worker); the mock calls it before it listens, so no request waits for it. */
export function load(): Route[] | undefined {
  if (routes) return routes
  const holder = Buffer as unknown as Record<symbol, Shared | undefined>
  const shared = holder[SHARED]
  if (shared) {
    spec = shared.spec
    return (routes = shared.routes)
  }
  if (!existsSync(FILE)) return undefined
  spec = JSON.parse(readFileSync(FILE, 'utf8'))
  routes = []
  for (const [template, ops] of Object.entries(spec!.paths)) {
    const re = new RegExp(
      '^' +
        template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => (['path', 'basehead', 'ref'].includes(name) ? '(.+)' : '([^/]+)')) +
        '$'
    )
    for (const [method, op] of Object.entries(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) routes.push({ method: method.toUpperCase(), template, re, op })
    }
  }
  holder[SHARED] = { spec: spec!, routes }
  return routes
}

/** Whether the OpenAPI description is installed (validation on). */
export const HAVE_OPENAPI = existsSync(FILE)

function resolve(s: Schema | undefined): Schema | undefined {
  let x = s
  for (let i = 0; x && typeof x.$ref === 'string' && i < 20; i++) {
    const parts = (x.$ref as string).replace(/^#\//, '').split('/')
    let cur: unknown = spec
    for (const p of parts) cur = (cur as Record<string, unknown>)?.[p]
    x = cur as Schema
  }
  return x
}

function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

/** Problems of `value` against `schema` (empty: valid). */
export function validate(value: unknown, schema: Schema | undefined, at = 'body'): string[] {
  const s = resolve(schema)
  if (!s) return []
  const out: string[] = []
  if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) out.push(...validate(value, sub, at))
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key]) && !(s[key] as Schema[]).some(sub => validate(value, sub, at).length === 0)) out.push(`${at}: matches none of ${key}`)
  }
  if (value === null && (s.nullable === true || (Array.isArray(s.type) && s.type.includes('null')))) return out
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
    const t = typeOf(value)
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      out.push(`${at}: is ${t}, not ${types.join(' or ')}`)
      return out
    }
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`)
  if (typeof value === 'string') {
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) out.push(`${at}: longer than ${s.maxLength}`)
    if (typeof s.minLength === 'number' && value.length < s.minLength) out.push(`${at}: shorter than ${s.minLength}`)
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) out.push(`${at}: below ${s.minimum}`)
    if (typeof s.maximum === 'number' && value > s.maximum) out.push(`${at}: above ${s.maximum}`)
  }
  if (Array.isArray(value)) {
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push(`${at}: more than ${s.maxItems} items`)
    if (typeof s.minItems === 'number' && value.length < s.minItems) out.push(`${at}: fewer than ${s.minItems} items`)
    value.forEach((v, i) => out.push(...validate(v, s.items as Schema | undefined, `${at}[${i}]`)))
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>
    const props = (s.properties ?? {}) as Record<string, Schema>
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) out.push(`${at}: "${r}" is required`)
    for (const [k, v] of Object.entries(obj)) {
      if (k in props) out.push(...validate(v, props[k], `${at}.${k}`))
      else if (s.additionalProperties === false) out.push(`${at}: "${k}" is not a property`)
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') out.push(...validate(v, s.additionalProperties as Schema, `${at}.${k}`))
    }
  }
  return out
}

/**
 * Problems of one request (empty when it is valid, or when the description
 * is not installed). `rawPath` is the path as sent (percent-encoded).
 */
export function checkRequest(method: string, rawPath: string, query: Record<string, string>, body: unknown): string[] {
  const all = load()
  if (!all) return []
  const candidates = all.filter(r => r.re.test(rawPath))
  if (candidates.length === 0) return [`${method} ${rawPath}: no such path in the REST API`]
  const route = candidates.find(r => r.method === method)
  if (!route) return [`${method} ${rawPath}: the path ${candidates[0]!.template} has no ${method}`]
  const out: string[] = []
  const params = (route.op.parameters ?? []).map(p => resolve(p)!).filter(Boolean)
  const queryParams = new Map(params.filter(p => p.in === 'query').map(p => [p.name as string, p]))
  for (const [k, v] of Object.entries(query)) {
    const p = queryParams.get(k)
    if (!p) out.push(`${method} ${route.template}: query parameter "${k}" is not declared`)
    else {
      const schema = resolve(p.schema as Schema)
      const value = schema?.type === 'integer' && /^-?\d+$/.test(v) ? Number(v) : schema?.type === 'boolean' && /^(true|false)$/.test(v) ? v === 'true' : v
      out.push(...validate(value, schema, `query ${k}`))
    }
  }
  for (const p of params) if (p.in === 'query' && p.required && !(String(p.name) in query)) out.push(`${method} ${route.template}: query "${p.name}" is required`)
  const content = route.op.requestBody?.content?.['application/json']
  if (body !== undefined && body !== '') {
    if (!content) out.push(`${method} ${route.template}: takes no JSON body`)
    else out.push(...validate(body, content.schema).map(p => `${method} ${route.template}: ${p}`))
  } else if ((route.op.requestBody as { required?: boolean } | undefined)?.required) {
    out.push(`${method} ${route.template}: a body is required`)
  }
  return out
}
