import { createHash, createHmac } from 'node:crypto';
import { CONNECTWISE_SIM_MEMBER, render, seedTickets } from '../../apps/simulator/connectwise/index.js';
import type { Delivery } from './webhook-deliveries.js';

export interface ConnectWiseSite {
  readonly keyUrl: string;
  readonly signingKey: string;
  readonly serviceTickets: number;
  readonly seed: number;
}

/**
 * `updated` ticket callbacks as the ConnectWise simulator sends them (the ticket as a JSON string in
 * `Entity`, a `MessageId`, the site's `Metadata.key_url`), signed with `x-content-signature`: base64
 * HMAC-SHA256 keyed with SHA-256 of the signing key. The tickets are the simulator's (same seed).
 */
export const connectWiseDeliveries = (site: ConnectWiseSite) => {
  const key = createHash('sha256').update(site.signingKey).digest();
  const tickets = seedTickets({ serviceTickets: site.serviceTickets, projectTickets: 0, seed: site.seed, anchor: new Date('2026-01-01T00:00:00Z'), spanDays: 20 });
  const entities = tickets.map((ticket) => ({ id: ticket.id, entity: JSON.stringify(render(ticket)) }));
  const fromUrl = new URL(site.keyUrl).host;
  return (n: number): Delivery => {
    const { id: ticketId, entity } = entities[n % entities.length]!;
    const id = `bench-${n}`;
    const body = Buffer.from(
      JSON.stringify({ Action: 'updated', Type: 'ticket', ID: ticketId, Entity: entity, CallbackObjectRecId: 0, CompanyId: CONNECTWISE_SIM_MEMBER.companyId, MemberId: 'simulator', FromUrl: fromUrl, MessageId: id, Metadata: { key_url: site.keyUrl } }),
    );
    return { id, body, headers: { 'content-type': 'application/json', 'x-content-signature': createHmac('sha256', key).update(body).digest('base64') } };
  };
};
