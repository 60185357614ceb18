// Placeholder while the screen is being built this session; replaced by the real screen.
export function InventoryItem(_: { warehouse: string; sku: string }) {
  return <h1>InventoryItem</h1>;
}
