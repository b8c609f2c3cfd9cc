/** Deep-freezes the document model so an emitter that mutates it fails loudly, not silently. */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const item = stack.pop()
    // Frozen means done: that also skips an object reached twice.
    if (item === null || typeof item !== 'object' || Object.isFrozen(item)) continue
    // Typed arrays (YAML `!!binary`) cannot be frozen; they are data, not structure.
    if (ArrayBuffer.isView(item)) continue
    Object.freeze(item)
    for (const key of Object.keys(item)) stack.push((item as Record<string, unknown>)[key])
  }
  return value
}
