import { render } from 'preact';
import { App } from './app';
import { takeTokenFromFragment } from './auth/token-handoff';
import { SessionProvider } from './auth/session';
import { NavigationProvider } from './router/navigation';

// First thing: take the token out of the address, before anything else can read or keep it.
const token = takeTokenFromFragment(window.location, window.history);

render(
  <SessionProvider initialToken={token}>
    <NavigationProvider>
      <App />
    </NavigationProvider>
  </SessionProvider>,
  document.getElementById('app')!,
);
