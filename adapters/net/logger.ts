/** The one logging call the network adapters make; pino's logger has this shape. */
export interface WarnLogger {
  readonly warn: (details: object, message: string) => void;
}

export const warnIfPrivateNetworkAllowed = (logger: WarnLogger | undefined, allowPrivateNetwork: boolean, component: string): void => {
  if (allowPrivateNetwork) {
    logger?.warn(
      { component, allowPrivateNetwork },
      'Private network access is allowed (TASKPORT_ALLOW_PRIVATE_NETWORK=true): http and loopback/private addresses are reachable; use this only for local development',
    );
  }
};
