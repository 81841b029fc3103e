import { render, type SimTicket } from './store.js';

interface Rendered {
  /** The version it was rendered at: every change to a ticket goes through `TicketStore.edit`, which moves it. */
  readonly lastUpdated: string;
  readonly record: Record<string, unknown>;
  text: string | null;
}

/** Renders of tickets, each kept until its ticket changes, and the JSON text of each render. */
export interface RenderCache {
  readonly record: (ticket: SimTicket) => Record<string, unknown>;
  /** The JSON of a render `record` gave (written once per version of its ticket). */
  readonly textOf: (record: Record<string, unknown>) => string;
}

/**
 * A real site renders on its own servers; the simulator renders on the cores the sync it serves
 * runs on, and rendered and serialised every ticket a list matched for every call (a walk page's
 * `id > n` matches every ticket above n). So each ticket is rendered once per version, and full
 * answers are joined from the rendered texts: what the bench measures is then the sync's work, not
 * the simulator's (docs/performance.md). A ticket deleted is simply never asked for again.
 */
export const renderCache = (): RenderCache => {
  const byTicket = new WeakMap<SimTicket, Rendered>();
  const byRecord = new WeakMap<Record<string, unknown>, Rendered>();
  return {
    record: (ticket) => {
      const hit = byTicket.get(ticket);
      if (hit !== undefined && hit.lastUpdated === ticket.lastUpdated) return hit.record;
      const rendered: Rendered = { lastUpdated: ticket.lastUpdated, record: render(ticket), text: null };
      byTicket.set(ticket, rendered);
      byRecord.set(rendered.record, rendered);
      return rendered.record;
    },
    textOf: (record) => {
      const rendered = byRecord.get(record);
      if (rendered === undefined) return JSON.stringify(record);
      rendered.text ??= JSON.stringify(record);
      return rendered.text;
    },
  };
};
