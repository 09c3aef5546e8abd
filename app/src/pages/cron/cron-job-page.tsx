export function CronJobPage({ id }: { id: string | null }) {
  return <p className="text-sm text-zinc-500">Coming soon: {id ?? 'new job'}.</p>;
}
