// Placeholder while the screen is being built this session; replaced by the real screen.
export function PicklistPage(_: { code: string }) {
  return <h1>PicklistPage</h1>;
}
