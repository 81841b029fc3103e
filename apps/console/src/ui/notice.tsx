import type { ComponentChildren } from 'preact';
import { describeFailure } from '../api/api-error';

type Tone = 'info' | 'success' | 'error';

/** A message in a live region: errors interrupt (alert), the rest is announced politely (status). */
export const Notice = ({ tone, children }: { tone: Tone; children: ComponentChildren }) => (
  <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);

export const FailureNotice = ({ error }: { error: unknown }) => <Notice tone="error">{describeFailure(error)}</Notice>;

export const Loading = ({ what }: { what: string }) => (
  <p class="loading" role="status">
    Loading {what}…
  </p>
);
