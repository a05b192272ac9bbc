/** What configuration may set a rule to (the schema, the docs and the settings parser read this one list). */
export const SEVERITY_SETTINGS = ['error', 'warning', 'notice', 'off'] as const
