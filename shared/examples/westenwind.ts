/**
 * The example workspace, based on programme Westenwind in Horst aan de Maas:
 * three neighbourhoods (In de Riet, Norbertuswijk, Mussenbuurt) and welfare
 * organisation Synthese decide together in five workplaces. The texts are
 * made up for the example, in plain Dutch (B1), so a newcomer sees at once
 * what a plan and meeting notes look like. Names of people are invented.
 */
import { dutchDate } from '../schema/meetingTemplate.ts';
import type { Block } from '../schema/richText.ts';

export interface ExampleDocument {
  title: string;
  blocks: readonly Block[];
}

export interface ExampleMeeting extends ExampleDocument {
  /** `YYYY-MM-DD` */
  date: string;
}

export interface ExampleWorkplace {
  title: string;
  plan: ExampleDocument;
  meeting: ExampleMeeting;
}

export const EXAMPLE_WORKSPACE_NAME = 'Westenwind (voorbeeld)';

const h = (text: string): Block => ({ type: 'heading', level: 2, text });
const p = (text: string): Block => ({ type: 'paragraph', text });
const list = (...items: string[]): Block => ({ type: 'bulletList', items });
const tasks = (...items: string[]): Block => ({ type: 'taskList', items: items.map((text) => ({ text, checked: false })) });

function meeting(date: string, attendees: string[], agenda: string[], discussed: string[], decisions: string[], actions: string[]): Block[] {
  return [
    p(`Datum: ${dutchDate(date)}`),
    h('Aanwezig'),
    list(...attendees),
    h('Agenda'),
    { type: 'orderedList' as const, items: agenda },
    h('Besproken'),
    ...discussed.map(p),
    h('Besluiten'),
    list(...decisions),
    h('Acties'),
    tasks(...actions),
  ];
}

export const WESTENWIND_WORKPLACES: readonly ExampleWorkplace[] = [
  {
    title: 'Herinrichten in de wijken',
    plan: {
      title: 'Plan van aanpak: trapveldjes en vijver',
      blocks: [
        h('Doel'),
        p('De trapveldjes en de vijver worden weer plekken waar jong en oud graag komen. Bewoners bepalen samen hoe ze eruit zien.'),
        h('Aanleiding'),
        p('De trapveldjes liggen er slordig bij. Bij de vijver is het ’s avonds donker. Veel bewoners zeggen dat ze er niet graag komen.'),
        h('Aanpak'),
        list('We maken een wandeling langs de plekken, met bewoners van alle drie de wijken.', 'Kinderen tekenen hoe hun trapveld eruit moet zien.', 'We kiezen samen drie dingen die als eerste moeten gebeuren.'),
        h('Wie doet wat'),
        p('Bewoners van In de Riet en de Mussenbuurt organiseren de wandeling. Synthese regelt het contact met de gemeente.'),
        h('Planning'),
        p('Wandeling in maart. Tekeningen in april. Keuze in mei.'),
        h('Evaluatie'),
        p('Na een jaar vragen we de buurt: komt u er nu vaker? Voelt het veiliger?'),
      ],
    },
    meeting: {
      title: 'Overleg 12 november 2026',
      date: '2026-11-12',
      blocks: meeting('2026-11-12', ['Ria (bewoner In de Riet)', 'Jan (bewoner Mussenbuurt)', 'Sanne (Synthese)'], ['Terugblik wandeling', 'Tekeningen van de kinderen', 'Wat vragen we aan de gemeente?'], ['Er kwamen 23 mensen mee op de wandeling. Iedereen vond meer licht bij de vijver het belangrijkst.'], ['We vragen de gemeente om lantaarns bij de vijver.'], ['Jan schrijft de brief aan de gemeente', 'Sanne plant een afspraak met de wijkwethouder']),
    },
  },
  {
    title: 'Wonen en Samen-Wonen',
    plan: {
      title: 'Plan van aanpak: samen wonen',
      blocks: [
        h('Doel'),
        p('Nieuwe bewoners voelen zich snel thuis. Buren kennen elkaar en helpen elkaar.'),
        h('Aanleiding'),
        p('Er komen veel nieuwe mensen in de wijk wonen. Sommigen spreken nog weinig Nederlands. Oude en nieuwe buren kennen elkaar vaak niet.'),
        h('Aanpak'),
        list('Een welkomstbezoek bij elke nieuwe bewoner.', 'Eén keer per maand een koffieochtend in het buurthuis.', 'Een lijst met handige adressen in eenvoudige taal.'),
        h('Wie doet wat'),
        p('Vrijwilligers uit de wijk gaan op welkomstbezoek. Synthese helpt met tolken en met vragen over geld of regels.'),
        h('Planning'),
        p('De eerste koffieochtend is in januari. De adressenlijst is klaar in februari.'),
        h('Evaluatie'),
        p('We tellen hoeveel nieuwe bewoners we hebben bezocht. We vragen hen na drie maanden hoe het gaat.'),
      ],
    },
    meeting: {
      title: 'Overleg 5 november 2026',
      date: '2026-11-05',
      blocks: meeting('2026-11-05', ['Fatma (bewoner Norbertuswijk)', 'Piet (bewoner In de Riet)', 'Joost (Synthese)'], ['Welkomstbezoeken', 'Koffieochtend'], ['Piet heeft al vier gezinnen bezocht. Twee gezinnen willen zelf ook vrijwilliger worden.'], ['De koffieochtend is op de eerste dinsdag van de maand.'], ['Fatma maakt een uitnodiging in het Nederlands en het Arabisch', 'Joost reserveert het buurthuis']),
    },
  },
  {
    title: 'Voor elkaar',
    plan: {
      title: 'Plan van aanpak: burenhulp',
      blocks: [
        h('Doel'),
        p('Wie hulp nodig heeft, vindt die in de eigen straat. Wie wil helpen, weet waar dat kan.'),
        h('Aanleiding'),
        p('Veel mensen willen best iets doen voor een buur. Maar ze weten niet wie hulp nodig heeft. Mensen die hulp nodig hebben, durven het vaak niet te vragen.'),
        h('Aanpak'),
        list('Een prikbord in de supermarkt en een groepsapp per straat.', 'Een vast telefoonnummer voor wie geen smartphone heeft.', 'Samen met Synthese kijken of een vraag te groot is voor een buur.'),
        h('Wie doet wat'),
        p('Straatcontactpersonen houden de groepsapp bij. Synthese neemt de telefoon op en helpt bij grote vragen.'),
        h('Planning'),
        p('We beginnen in twee straten. Na drie maanden komen er meer straten bij.'),
        h('Evaluatie'),
        p('We houden bij hoeveel vragen er kwamen en of er iemand kon helpen.'),
      ],
    },
    meeting: {
      title: 'Overleg 19 november 2026',
      date: '2026-11-19',
      blocks: meeting('2026-11-19', ['Annie (bewoner Mussenbuurt)', 'Mohamed (bewoner Norbertuswijk)', 'Lotte (Synthese)'], ['Eerste ervaringen groepsapp', 'Telefoonnummer'], ['In de Lindestraat zijn al twaalf vragen gesteld, vooral over boodschappen en vervoer.'], ['We nemen de Kastanjelaan als derde straat erbij.'], ['Mohamed zoekt een contactpersoon voor de Kastanjelaan', 'Lotte zet het telefoonnummer in de wijkkrant']),
    },
  },
  {
    title: 'Weisterbeek',
    plan: {
      title: 'Plan van aanpak: de Weisterbeek',
      blocks: [
        h('Doel'),
        p('De Weisterbeek wordt een mooie plek om te wandelen en elkaar te ontmoeten.'),
        h('Aanleiding'),
        p('Langs de beek ligt veel afval. Het pad is slecht. Toch wandelen er elke dag mensen.'),
        h('Aanpak'),
        list('Vier keer per jaar een opruimochtend met de buurt.', 'Bankjes langs het pad, op plekken die bewoners kiezen.', 'Een wandelroute met verhalen over de beek.'),
        h('Wie doet wat'),
        p('Bewoners organiseren de opruimochtenden. Synthese vraagt geld aan bij het wijkfonds.'),
        h('Planning'),
        p('De eerste opruimochtend is in het voorjaar. De bankjes komen in de zomer.'),
        h('Evaluatie'),
        p('We kijken hoeveel mensen meedoen en of er minder afval ligt.'),
      ],
    },
    meeting: {
      title: 'Overleg 10 november 2026',
      date: '2026-11-10',
      blocks: meeting('2026-11-10', ['Gerrit (bewoner In de Riet)', 'Emma (bewoner Mussenbuurt)', 'Sanne (Synthese)'], ['Opruimochtend', 'Aanvraag wijkfonds'], ['De gemeente leent grijpers en vuilniszakken uit.'], ['De opruimochtend is op zaterdag 20 maart.'], ['Emma maakt een poster', 'Sanne stuurt de aanvraag naar het wijkfonds']),
    },
  },
  {
    title: 'Met Meer Mogelijkheden',
    plan: {
      title: 'Plan van aanpak: meedoen voor iedereen',
      blocks: [
        h('Doel'),
        p('Ook mensen met weinig geld of een beperking doen mee aan activiteiten in de wijk.'),
        h('Aanleiding'),
        p('Niet iedereen kan een contributie of een kaartje betalen. Sommige activiteiten zijn slecht bereikbaar met een rolstoel.'),
        h('Aanpak'),
        list('Een potje zodat niemand wegblijft om geld.', 'We lopen samen met bewoners langs de buurthuizen: waar zit een drempel?', 'Activiteiten die mensen zelf bedenken, krijgen voorrang.'),
        h('Wie doet wat'),
        p('Bewoners met ervaring helpen bij de rondgang. Synthese beheert het potje samen met twee bewoners.'),
        h('Planning'),
        p('De rondgang is in februari. Het potje start in maart.'),
        h('Evaluatie'),
        p('We vragen deelnemers of ze nu meer meedoen dan vroeger.'),
      ],
    },
    meeting: {
      title: 'Overleg 17 november 2026',
      date: '2026-11-17',
      blocks: meeting('2026-11-17', ['Henk (bewoner Norbertuswijk)', 'Yasmina (bewoner In de Riet)', 'Joost (Synthese)'], ['Regels voor het potje', 'Rondgang buurthuizen'], ['Het potje moet makkelijk zijn: geen formulieren, wel een kort gesprek.'], ['Twee bewoners en Joost beslissen samen over een aanvraag.'], ['Yasmina schrijft de regels in eenvoudige taal', 'Henk vraagt de buurthuizen om een datum']),
    },
  },
];
