// Placeholder while the screen is being built this session; replaced by the real screen.
export function ReturnPage(_: { id: number }) {
  return <h1>ReturnPage</h1>;
}
