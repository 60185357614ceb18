// Identifier formats. Each seller has a 3-digit id prefix, so ids never collide between
// sellers and can be parsed back to an index without a lookup table.
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const pendencyOrderId = (prefix: string, orderIndex: number) => `FN${prefix}${pad(orderIndex + 1, 7)}`;
export const pendencyItemId = (orderId: string, lineNo: number) => `${orderId}-${lineNo}`;
export const poOrderId = (prefix: string, n: number) => `OD${prefix}${pad(n, 7)}`;
export const poNumber = (prefix: string, n: number) => `50${prefix}${pad(n, 7)}`;
export const poItemId = (orderId: string, lineNo: number) => `${orderId}-${lineNo}`;
export const awbNumber = (prefix: string, n: number) => `8${prefix}${pad(n, 9)}`;
export const manifestId = (prefix: string, n: number) => `MF${prefix}${pad(n, 7)}`;
export const returnId = (prefix: string, n: number) => `RT${prefix}${pad(n, 7)}`;

/** `FN1010000042` → order index 41 for prefix 101. */
export function parsePendencyOrderId(prefix: string, id: string): number | undefined {
  const m = /^FN(\d{3})(\d{7})$/.exec(id);
  if (!m || m[1] !== prefix) return undefined;
  return Number(m[2]) - 1;
}

/** `FN1010000042-2` → order index 41, line 2. */
export function parsePendencyItemId(prefix: string, id: string): { orderIndex: number; lineNo: number } | undefined {
  const m = /^(FN\d{10})-(\d+)$/.exec(id);
  if (!m) return undefined;
  const orderIndex = parsePendencyOrderId(prefix, m[1]);
  if (orderIndex === undefined) return undefined;
  return { orderIndex, lineNo: Number(m[2]) };
}
