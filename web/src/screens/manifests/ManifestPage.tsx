// Placeholder while the screen is being built this session; replaced by the real screen.
export function ManifestPage(_: { code: string }) {
  return <h1>ManifestPage</h1>;
}
