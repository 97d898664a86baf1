// An iterative pre-order walk over a JSON-shaped tree (the libpg-query parse tree): the depth of a SQL expression is
// the user's to choose (`1+1+…` with 5,000 terms nests 5,000 deep), so a recursive walk would overflow the stack.

/** What `enter` returns: `false` skips the value's children, `STOP_WALK` ends the walk, anything else descends. */
export const STOP_WALK = Symbol('stop walk');

/**
 * Every object and array under `root` (not `root` itself), depth first in key order, the order a recursive
 * `for (const key of Object.keys(value))` walk visits them. `key` is the property the value is under in its parent
 * object, or undefined for an array's item. An explicit stack: no recursion, whatever the depth.
 */
export function walkTree(root: unknown, enter: (value: object, key: string | undefined) => boolean | typeof STOP_WALK | void): void {
  const stack: Array<{ value: object; key: string | undefined }> = [];
  const pushChildren = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const item: unknown = value[index];
        if (item !== null && typeof item === 'object') stack.push({ value: item, key: undefined });
      }
      return;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let index = keys.length - 1; index >= 0; index--) {
      const child = record[keys[index]!];
      if (child !== null && typeof child === 'object') stack.push({ value: child, key: keys[index] });
    }
  };
  pushChildren(root);
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const verdict = enter(entry.value, entry.key);
    if (verdict === STOP_WALK) return;
    if (verdict !== false) pushChildren(entry.value);
  }
}
