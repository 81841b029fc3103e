const SOURCE_NAMES: Readonly<Record<string, string>> = { jira: 'Jira', servicenow: 'ServiceNow', connectwise: 'ConnectWise' };

/** A provider's display name; an unknown one shows as sent. */
export const sourceName = (source: string): string => SOURCE_NAMES[source] ?? source;

/** Which tracker a task or connection comes from: text, not only a color. */
export const SourceBadge = ({ source }: { source: string }) => <span class={`badge source source-${source.replace(/[^a-z0-9-]/gi, '')}`}>{sourceName(source)}</span>;

const STATUS_TONES: Readonly<Record<string, string>> = {
  succeeded: 'good',
  active: 'good',
  done: 'good',
  connected: 'good',
  enabled: 'good',
  failed: 'bad',
  reauthorization_required: 'bad',
  cancelled: 'muted',
  disabled: 'muted',
  never: 'muted',
  running: 'busy',
  in_progress: 'busy',
};

/** A status word, with a tone for the eye; the word carries the meaning. */
export const StatusBadge = ({ status, label }: { status: string; label?: string }) => (
  <span class={`badge status tone-${STATUS_TONES[status] ?? 'plain'}`}>{label ?? status.replace(/_/g, ' ')}</span>
);
