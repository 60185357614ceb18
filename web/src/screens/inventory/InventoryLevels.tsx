// Placeholder while the screen is being built this session; replaced by the real screen.
export function InventoryLevels(_: { query: URLSearchParams }) {
  return <h1>InventoryLevels</h1>;
}
