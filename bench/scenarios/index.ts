/** Every scenario, in the order a run takes them. */
import { capacity } from './capacity.ts';
import { coldLoad } from './coldLoad.ts';
import { idleMemory } from './idleMemory.ts';
import { manyRooms } from './manyRooms.ts';
import { meeting } from './meeting.ts';
import type { Scenario } from './Scenario.ts';

export const SCENARIOS: Scenario[] = [meeting, manyRooms, idleMemory, coldLoad, capacity];
