/** An ADF node as it may arrive: anything is checked before it is read. */
export interface AdfNode {
  readonly type: string;
  readonly text?: unknown;
  readonly content?: unknown;
  readonly attrs?: unknown;
  readonly marks?: unknown;
}

/** Display names by account id: who a mention names when the node does not say. */
export type AccountNames = ReadonlyMap<string, string>;

export const isNode = (value: unknown): value is AdfNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

export const childrenOf = (node: AdfNode): ReadonlyArray<AdfNode> => (Array.isArray(node.content) ? node.content.filter(isNode) : []);

export const attr = (node: AdfNode, name: string): string | null => {
  const value = typeof node.attrs === 'object' && node.attrs !== null ? (node.attrs as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

/** The target of a text node's link mark, if it has one. */
export const linkOf = (node: AdfNode): string | null => {
  const marks = Array.isArray(node.marks) ? (node.marks as unknown[]) : [];
  const link = marks.find((mark): mark is { type: 'link'; attrs: { href: unknown } } => typeof mark === 'object' && mark !== null && (mark as { type?: unknown }).type === 'link');
  const href = (link?.attrs as { href?: unknown } | undefined)?.href;
  return typeof href === 'string' && href !== '' ? href : null;
};
