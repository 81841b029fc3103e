import { isIP } from 'node:net';
import { addressRefusal } from './address-ranges.js';

const LOCAL_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.localhost$/;

const hostRefusal = (hostname: string, allowPrivateNetwork: boolean): string | null => {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(host) !== 0) return addressRefusal(host, allowPrivateNetwork);
  if (LOCAL_NAMES.test(host) && !allowPrivateNetwork) return `${host} is a loopback host name`;
  return null;
};

/**
 * Checks the parts of a URL that can be judged without DNS: scheme, embedded credentials and a
 * host that is an IP literal or a loopback name. Answers why the URL is refused, or null.
 */
export const urlRefusal = (url: URL, allowPrivateNetwork: boolean): string | null => {
  const schemes = allowPrivateNetwork ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return allowPrivateNetwork ? 'must use http or https' : 'must use https';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  return hostRefusal(url.hostname, allowPrivateNetwork);
};
