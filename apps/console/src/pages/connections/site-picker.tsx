import { useState } from 'preact/hooks';
import type { SiteSelection } from '../../api/oauth';
import { Time } from '../../ui/time';

/** The grant reaches several sites: pick the one to connect. */
export const SitePicker = ({ selection, onPick, busy }: { selection: SiteSelection; onPick: (cloudId: string) => void; busy: boolean }) => {
  const [chosen, setChosen] = useState(selection.sites[0]?.cloudId ?? '');
  return (
    <form
      class="panel form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onPick(chosen);
      }}
    >
      <fieldset class="choices">
        <legend>Which site should this connection sync?</legend>
        {selection.sites.map((site) => (
          <label key={site.cloudId} class="choice-card">
            <input type="radio" name="site" value={site.cloudId} checked={chosen === site.cloudId} onChange={() => setChosen(site.cloudId)} /> <strong>{site.name}</strong>{' '}
            <span class="muted wrap">{site.url}</span>
          </label>
        ))}
      </fieldset>
      <p class="muted">
        The choice is open until <Time iso={selection.validUntil} />.
      </p>
      <button type="submit" class="primary" disabled={busy || chosen === ''}>
        Connect this site
      </button>
    </form>
  );
};
