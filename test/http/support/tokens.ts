import jwt from 'jsonwebtoken';

export const TEST_JWT_SECRET = 'test-secret-for-hs256-tokens-0123456789abcdef';
export const ORG_A = '0a0a0a0a-0000-4000-8000-00000000000a';
export const ORG_B = '0b0b0b0b-0000-4000-8000-00000000000b';

export const tokenFor = (organizationId: string, options: jwt.SignOptions = {}, secret = TEST_JWT_SECRET): string =>
  jwt.sign({ organizationId }, secret, { algorithm: 'HS256', subject: 'user-1', expiresIn: '1h', ...options });
