import { Link } from '../router/navigation';
import { Page } from '../ui/page';

export const NotFoundPage = () => (
  <Page title="Page not found">
    <p>
      There is no such page. <Link to={{ name: 'connections' }}>Go to the connections</Link>.
    </p>
  </Page>
);
