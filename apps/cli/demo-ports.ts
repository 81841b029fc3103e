import { StartupError } from '../api/startup-failure.js';

/**
 * The demo's ServiceNow and ConnectWise simulators listen on fixed ports: those trackers are known
 * by their host, port included, so a simulator on a new port each run would be a new instance to
 * taskport, and a rerun's connection would hold the earlier instance's items beside this one's.
 */
export const DEMO_PORTS = { servicenow: 3002, connectwise: 3003 } as const;

/** Starts a simulator on its port; a port already taken is one line naming the flag that moves it. */
export const onDemoPort = async <S>(simulator: string, flag: string, port: number, start: (port: number) => Promise<S>): Promise<S> => {
  try {
    return await start(port);
  } catch (error) {
    if ((error as { code?: string } | null)?.code !== 'EADDRINUSE') throw error;
    throw new StartupError(`Port ${port} for the ${simulator} simulator is already in use: stop what listens there or pass --${flag} with another port`);
  }
};
