/** S1 meeting: one document, 40 clients, 8 of them typing 5 characters a second each for 20 s. */
import { num, type Params, type Scenario } from './Scenario.ts';
import { closeSession, openSession, typingWindow } from './typing.ts';

export const meeting: Scenario = {
  id: 'S1',
  title: 'meeting',
  description: 'one document, `clients` clients, `typists` of them typing `rate` characters a second for `seconds`',
  defaults: { clients: 40, typists: 8, rate: 5, seconds: 20 },
  quick: { seconds: 5 },
  async run(context, params: Params) {
    const session = await openSession(context, { docs: 1, clientsPerDoc: num(params, 'clients'), typistsPerDoc: num(params, 'typists') });
    try {
      const window = await typingWindow(session, num(params, 'rate'), num(params, 'seconds') * 1000, context.seed, context.log);
      return { metrics: { ...window.metrics, connectMs: Math.round(session.connectMs) } };
    } finally {
      await closeSession(session);
    }
  },
};
