import { useState } from 'preact/hooks';
import { siteId, type SiteSelection } from '../../api/oauth';
import { Time } from '../../ui/time';

/** The grant reaches several sites: pick the one to connect. */
export const SitePicker = ({ selection, siteIdField, onPick, busy }: { selection: SiteSelection; siteIdField: string; onPick: (id: string) => void; busy: boolean }) => {
  const [chosen, setChosen] = useState(selection.sites[0] === undefined ? '' : siteId(selection.sites[0], siteIdField));
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
        {selection.sites.map((site) => {
          const id = siteId(site, siteIdField);
          return (
            <label key={id} class="choice-card">
              <input type="radio" name="site" value={id} checked={chosen === id} onChange={() => setChosen(id)} /> <strong>{site.name}</strong> <span class="muted wrap">{site.url}</span>
            </label>
          );
        })}
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
