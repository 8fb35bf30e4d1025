/** What the build plugins share to read a module's syntax tree (as Vite's `parseAst` gives it). */

/** A node of the tree: its type, its source range, and its fields. */
export type Node = { type: string; start: number; end: number; [key: string]: unknown };

/**
 * Visits every node below `value` in source order, with its nearest enclosing node; a visit that
 * returns false skips the node's children.
 */
export function walk(
  value: unknown,
  visit: (node: Node, parent: Node | null) => boolean | void,
  parent: Node | null = null,
): void {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, parent);
    return;
  }
  const node = value as Node;
  if (typeof node.type === 'string' && visit(node, parent) === false) return;
  for (const key in node) if (key !== 'parent') walk(node[key], visit, typeof node.type === 'string' ? node : parent);
}
