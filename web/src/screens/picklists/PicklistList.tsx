// Placeholder while the screen is being built this session; replaced by the real screen.
export function PicklistList(_: { query: URLSearchParams }) {
  return <h1>PicklistList</h1>;
}
