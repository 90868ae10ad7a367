import type { nl } from './nl.ts';

/** The shape every language must fill: nl.ts's keys, with any string as value. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof nl>;
