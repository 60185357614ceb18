// Placeholder while the screen is being built this session; replaced by the real screen.
export function SyncRunPage(_: { id: number }) {
  return <h1>SyncRunPage</h1>;
}
