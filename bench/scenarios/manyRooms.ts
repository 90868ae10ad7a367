/** S2 many rooms: 200 documents × 5 clients (1,000 connections), one typist per document at 2 characters a second, 20 s. */
import { num, type Params, type Scenario } from './Scenario.ts';
import { closeSession, openSession, typingWindow } from './typing.ts';

export const manyRooms: Scenario = {
  id: 'S2',
  title: 'many rooms',
  description: '`docs` documents × `clients` clients, one typist per document at `rate` characters a second for `seconds`',
  defaults: { docs: 200, clients: 5, rate: 2, seconds: 20 },
  quick: { seconds: 5 },
  async run(context, params: Params) {
    const session = await openSession(context, { docs: num(params, 'docs'), clientsPerDoc: num(params, 'clients'), typistsPerDoc: 1 });
    try {
      const window = await typingWindow(session, num(params, 'rate'), num(params, 'seconds') * 1000, context.seed, context.log);
      return { metrics: { ...window.metrics, connectMs: Math.round(session.connectMs) } };
    } finally {
      await closeSession(session);
    }
  },
};
