import { failsAt } from '../src/config/policy.js'
import { ConfigError, parseChoice, parseFailOn, parseList, parsePositiveInt, parseRules } from '../src/config/config.js'

describe('configuration parsing', () => {
  test('lists split on commas and newlines', () => {
    expect(parseList(' a, b\nc ,,\n')).toEqual(['a', 'b', 'c'])
    expect(parseList(undefined)).toEqual([])
  })

  test('rules: id=severity pairs, case-insensitive', () => {
    expect(parseRules('tab=off, line-length=WARNING\nimage=notice')).toEqual({ tab: 'off', 'line-length': 'warning', image: 'notice' })
  })

  test('unknown rule and bad severity name the input and the allowed values', () => {
    expect(() => parseRules('nope=error')).toThrow(ConfigError)
    expect(() => parseRules('nope=error')).toThrow(/rules: unknown rule "nope"; known rules: title, missing-section/)
    expect(() => parseRules('tab=fatal')).toThrow(/unknown severity "fatal" for tab; allowed: error, warning, notice, off/)
    expect(() => parseRules('tab')).toThrow(/not of the form id=severity/)
  })

  test('numbers and choices', () => {
    expect(parsePositiveInt('', 'max-line-length', 79)).toBe(79)
    expect(parsePositiveInt(' 100 ', 'max-line-length', 79)).toBe(100)
    expect(() => parsePositiveInt('abc', 'max-line-length', 79)).toThrow(/max-line-length: "abc" is not a whole number/)
    expect(() => parsePositiveInt('0', 'max-line-length', 79)).toThrow(ConfigError)
    expect(parseChoice('ALL', 'scope', ['changed', 'all'] as const, 'changed')).toBe('all')
    expect(() => parseChoice('some', 'scope', ['changed', 'all'] as const, 'changed')).toThrow(/scope: "some" is not allowed; use one of: changed, all/)
    expect(parseFailOn('')).toBe('error')
  })

  test('fail-on thresholds', () => {
    expect(failsAt('error', 'error')).toBe(true)
    expect(failsAt('warning', 'error')).toBe(false)
    expect(failsAt('warning', 'warning')).toBe(true)
    expect(failsAt('notice', 'warning')).toBe(false)
    expect(failsAt('error', 'never')).toBe(false)
  })
})
