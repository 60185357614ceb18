// Placeholder while the screen is being built this session; replaced by the real screen.
export function Mappings(_: { code: string; query: URLSearchParams }) {
  return <h1>Mappings</h1>;
}
