/**
 * A cache for what is computed at most once per object (a spec's structure,
 * its literal lines, ...), kept on the object itself under a symbol of its
 * own: not enumerable, so no report, copy or comparison sees it.
 *
 * Not a WeakMap on purpose: V8's minor collections keep a WeakMap's value
 * alive for as long as its key is younger than the map, also when nothing
 * else holds the key. With the caches in module-level WeakMaps every spec's
 * text, outline and structure outlived the spec and was moved to the old
 * generation, where only full collections free it: a large run's heap grew
 * to three times what it held. A value kept on the object dies with it.
 */
export function memo<K extends object, V>(name: string): (key: K, compute: (key: K) => V) => V {
  const slot = Symbol(name)
  return (key, compute) => {
    const held = (key as Record<symbol, V | undefined>)[slot]
    if (held !== undefined) return held
    const value = compute(key)
    // A frozen key: computed every time (nothing of ours freezes one).
    if (Object.isExtensible(key)) Object.defineProperty(key, slot, { value })
    return value
  }
}
