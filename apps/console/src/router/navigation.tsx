import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { hrefOf, parseRoute, type Route } from './routes';

interface Navigation {
  readonly route: Route;
  readonly navigate: (route: Route, options?: { replace?: boolean }) => void;
}

const NavigationContext = createContext<Navigation | undefined>(undefined);

const currentRoute = () => parseRoute(window.location.pathname, window.location.search);

/** The page follows the address (history API), so links, reloads and the back button work. */
export const NavigationProvider = ({ children }: { children: ComponentChildren }) => {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    const onPop = () => setRoute(currentRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (next: Route, options: { replace?: boolean } = {}) => {
    const href = hrefOf(next);
    if (options.replace === true) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    setRoute(parseRoute(window.location.pathname, window.location.search));
  };
  return <NavigationContext.Provider value={{ route, navigate }}>{children}</NavigationContext.Provider>;
};

export const useNavigation = (): Navigation => {
  const navigation = useContext(NavigationContext);
  if (navigation === undefined) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
};

interface LinkProps {
  readonly to: Route;
  readonly children: ComponentChildren;
  readonly class?: string;
  readonly 'aria-current'?: 'page' | undefined;
  readonly 'aria-label'?: string;
}

/** A real link (open in a new tab works) that navigates within the page on a plain click. */
export const Link = ({ to, children, ...rest }: LinkProps) => {
  const { navigate } = useNavigation();
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={hrefOf(to)} onClick={onClick} {...rest}>
      {children}
    </a>
  );
};
