/** What touching fresh memory costs on this machine, per page faulted in. */
export interface PageFaultCost {
  readonly microsPerPage: number;
  readonly pages: number;
}

const FRESH_BYTES = 64 * 1024 * 1024;

/**
 * Maps 64 MiB afresh and writes one byte in each page, timing the faults. On the development
 * machine (a virtual machine) a fault cost about 20 us: every string, Buffer or server-side block
 * of more than about 128 KB is mapped anew each time, so large reads and batch statements pay for
 * their memory far more than for their bytes there (docs/performance.md, sixth pass). Printed with
 * the results, so figures from two machines can be told apart.
 */
export const pageFaultCost = (): PageFaultCost => {
  const before = process.resourceUsage().minorPageFault;
  const started = process.hrtime.bigint();
  const memory = Buffer.allocUnsafeSlow(FRESH_BYTES);
  for (let offset = 0; offset < memory.length; offset += 4096) memory[offset] = 1;
  const micros = Number(process.hrtime.bigint() - started) / 1000;
  const pages = process.resourceUsage().minorPageFault - before;
  return { microsPerPage: pages === 0 ? 0 : micros / pages, pages };
};
