// Placeholder while the screen is being built this session; replaced by the real screen.
export function ChannelInventory(_: { code: string; query: URLSearchParams }) {
  return <h1>ChannelInventory</h1>;
}
