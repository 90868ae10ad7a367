/** The starting content of a plan of approach (plan van aanpak). */
import type { Block } from './richText.ts';

export const PLAN_TEMPLATE_TITLE = 'Plan van aanpak';

export const PLAN_TEMPLATE: readonly Block[] = [
  { type: 'heading', level: 2, text: 'Doel' },
  { type: 'paragraph', text: 'Wat willen we samen bereiken, en voor wie?' },
  { type: 'heading', level: 2, text: 'Aanleiding' },
  { type: 'paragraph', text: 'Waarom beginnen we hieraan? Wat zien we in de wijk?' },
  { type: 'heading', level: 2, text: 'Aanpak' },
  { type: 'paragraph', text: 'Hoe pakken we het aan? Welke stappen zetten we?' },
  { type: 'heading', level: 2, text: 'Wie doet wat' },
  { type: 'paragraph', text: 'Welke bewoners en welke professionals doen wat?' },
  { type: 'heading', level: 2, text: 'Planning' },
  { type: 'paragraph', text: 'Wanneer doen we wat?' },
  { type: 'heading', level: 2, text: 'Evaluatie' },
  { type: 'paragraph', text: 'Hoe weten we of het gelukt is? Wanneer kijken we terug?' },
];
