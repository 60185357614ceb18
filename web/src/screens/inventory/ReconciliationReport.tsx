// Placeholder while the screen is being built this session; replaced by the real screen.
export function ReconciliationReport(_: { id: number }) {
  return <h1>ReconciliationReport</h1>;
}
