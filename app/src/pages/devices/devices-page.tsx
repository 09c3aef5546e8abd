export function DevicesPage() {
  return <p className="text-sm text-zinc-500">Coming soon.</p>;
}
