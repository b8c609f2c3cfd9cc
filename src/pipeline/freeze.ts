/** Deep-freezes the document model so an emitter that mutates it fails loudly, not silently. */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  const seen = new Set<unknown>()
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === null || typeof item !== 'object' || seen.has(item) || Object.isFrozen(item)) continue
    // Typed arrays (YAML `!!binary`) cannot be frozen; they are data, not structure.
    if (ArrayBuffer.isView(item)) continue
    seen.add(item)
    Object.freeze(item)
    for (const key of Object.keys(item)) stack.push((item as Record<string, unknown>)[key])
  }
  return value
}
