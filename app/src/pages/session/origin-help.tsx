import { useGateway, useSession } from '../../lib/gateway-context';
import { CopyButton } from '../../ui/copy-button';
import { Card } from '../../ui/card';

const PATH = 'gateway.controlUi.allowedOrigins';

/** The commands that allow `origin`: the first never overwrites an existing list (it then changes nothing). */
export function allowOriginCommands(origin: string) {
  const entry = JSON.stringify(origin);
  return {
    entry,
    first: `openclaw config set ${PATH} '[${entry}]' --strict-json --expect-current-absent`,
    show: `openclaw config get ${PATH} --json`,
    append: `openclaw config set ${PATH} '[…the origins listed now…, ${entry}]' --strict-json`,
  };
}

/**
 * CONTROL_UI_ORIGIN_NOT_ALLOWED: the gateway checks every browser's Origin, and one behind a reverse
 * proxy (or on another host) is not "local". Name the exact entry to add and the command that adds it.
 */
export function OriginHelp() {
  const gw = useGateway();
  const refused = useSession((s) => s.error?.detailCode === 'CONTROL_UI_ORIGIN_NOT_ALLOWED');
  if (!refused) return null;
  const origin = window.location.origin;
  const c = allowOriginCommands(origin);
  return (
    <Card title="Allow this page's origin on the gateway">
      <div className="space-y-3 text-sm">
        <p>
          The gateway at <code className="font-mono">{gw.url}</code> checks the origin of every browser connection and
          does not list <code className="font-mono">{origin}</code>. Add this entry to{' '}
          <code className="font-mono">{PATH}</code>:
        </p>
        <Command label="Entry to add" text={c.entry} />
        <p>
          On the gateway host, if <code className="font-mono">{PATH}</code> is not set yet, this adds it (it applies
          without a restart):
        </p>
        <Command label="Command that adds it" text={c.first} />
        <p className="text-zinc-700 dark:text-zinc-300">
          If the gateway already lists origins, that command changes nothing (it never replaces a list). Then print the
          list with <code className="font-mono">{c.show}</code> and set it again with this entry added:{' '}
          <code className="font-mono break-all">{c.append}</code>
        </p>
        <p>Then press Try again above.</p>
      </div>
    </Card>
  );
}

function Command({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</p>
      <div className="flex items-start gap-2">
        <pre className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-800">
          {text}
        </pre>
        <CopyButton text={text} what={label.toLowerCase()} look="button" />
      </div>
    </div>
  );
}
