// Placeholder while the screen is being built this session; replaced by the real screen.
export function SyncRuns(_: { query: URLSearchParams }) {
  return <h1>SyncRuns</h1>;
}
