/**
 * S5 capacity: S2's shape, the typing rate stepped up until p99 passes the
 * limit or an edit is lost. The result is the highest sustained rate (edits a
 * second, all documents together) of a step that passed.
 */
import { round } from '../metrics/stats.ts';
import { list, num, type Params, type Scenario } from './Scenario.ts';
import { closeSession, openSession, typingWindow } from './typing.ts';

export const capacity: Scenario = {
  id: 'S5',
  title: 'capacity',
  description:
    "S2's shape (`docs` × `clients`, one typist each), each typist's rate stepped through `rates` for `seconds` a step, until p99 > `p99LimitMs` or an edit is lost",
  defaults: { docs: 200, clients: 5, rates: [2, 4, 6, 8, 12, 16, 24, 32], seconds: 10, p99LimitMs: 50 },
  quick: { docs: 100, rates: [4, 8, 16, 32], seconds: 3 },
  async run(context, params: Params) {
    const limitMs = num(params, 'p99LimitMs');
    const session = await openSession(context, { docs: num(params, 'docs'), clientsPerDoc: num(params, 'clients'), typistsPerDoc: 1 });
    const steps: Record<string, number>[] = [];
    let sustained = 0;
    let failedAt: number | null = null;
    try {
      for (const rate of list(params, 'rates')) {
        const window = await typingWindow(session, rate, num(params, 'seconds') * 1000, context.seed + rate, context.log);
        const step: Record<string, number> = { ratePerTypist: rate, ...window.metrics };
        steps.push(step);
        const passed = window.metrics.p99Ms! <= limitMs && window.metrics.lost === 0;
        context.log(
          `  ${rate}/s per typist: ${step.editsPerS} edits/s, p99 ${step.p99Ms} ms, lost ${step.lost}, server CPU ${step.serverCpuS} s, generator CPU ${step.genCpuS} s of ${step.windowS} s ${passed ? 'ok' : 'FAIL'}`,
        );
        if (!passed) {
          failedAt = step.editsPerS!;
          break;
        }
        sustained = step.editsPerS!;
      }
    } finally {
      await closeSession(session);
    }
    const last = steps[steps.length - 1];
    const otherCores = Math.max(0, ...steps.map((step) => step.otherCores ?? 0));
    return {
      metrics: {
        editsPerS: sustained,
        failedAtEditsPerS: failedAt,
        p99MsAtFailure: failedAt === null ? null : (last?.p99Ms ?? null),
        lostAtFailure: failedAt === null ? null : (last?.lost ?? null),
        // Share of one core the generator used in the last step: near the number of
        // generator processes' cores means the generator, not the server, was the limit.
        genCoresLastStep: last ? round(last.genCpuS! / last.windowS!, 2) : null,
        serverCoresLastStep: last ? round(last.serverCpuS! / last.windowS!, 2) : null,
        otherCores,
      },
      detail: { steps },
    };
  },
};
