// Placeholder while the screen is being built this session; replaced by the real screen.
export function ReturnList(_: { query: URLSearchParams }) {
  return <h1>ReturnList</h1>;
}
