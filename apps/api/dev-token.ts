import jwt from 'jsonwebtoken';

export const DEMO_ORGANIZATION_ID = '7d3f5c1e-2b4a-4c8d-9e6f-0a1b2c3d4e5f';

/** A token for the demo organization, signed with the development secret (HS256, 12 hours). */
export const developmentToken = (secret: string, organizationId = DEMO_ORGANIZATION_ID, subject = 'demo-user'): string =>
  jwt.sign({ organizationId }, secret, { algorithm: 'HS256', subject, expiresIn: '12h' });
