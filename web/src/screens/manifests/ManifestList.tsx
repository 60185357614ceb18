// Placeholder while the screen is being built this session; replaced by the real screen.
export function ManifestList(_: { query: URLSearchParams }) {
  return <h1>ManifestList</h1>;
}
