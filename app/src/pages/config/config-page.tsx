export function ConfigPage() {
  return <p className="text-sm text-zinc-500">Coming soon.</p>;
}
