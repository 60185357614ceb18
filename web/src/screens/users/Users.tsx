// Placeholder while the screen is being built this session; replaced by the real screen.
export function Users(_: { query: URLSearchParams }) {
  return <h1>Users</h1>;
}
