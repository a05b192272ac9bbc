import { RULES } from '../../src/rules/index.js'

describe('findings on the same line and column are ordered by rule id', () => {
  it('rule ids are lower-case letters, digits and hyphens, whose code-unit order is localeCompare\'s', () => {
    const ids = RULES.map(r => r.id)
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/)
    const byLocale = [...ids].sort((a, b) => a.localeCompare(b))
    const byCodeUnit = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(byCodeUnit).toEqual(byLocale)
  })
})
