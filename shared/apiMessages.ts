/** Readable texts for the API's error codes, in Dutch (default) and English. */
import type { ApiErrorCode } from './api.ts';

export type Language = 'nl' | 'en';

const messages: Record<ApiErrorCode, Record<Language, string>> = {
  import_not_zip: {
    nl: 'Dit is geen leesbaar zip-bestand. Kies een export van Samenspel (een .zip-bestand).',
    en: 'This is not a readable zip file. Choose a Samenspel export (a .zip file).',
  },
  import_wrong_version: {
    nl: 'Dit bestand is geen export van Samenspel, of komt uit een versie die deze server niet kent. Er is niets aangemaakt.',
    en: 'This file is not a Samenspel export, or comes from a version this server does not know. Nothing was created.',
  },
  import_incomplete: {
    nl: 'Er ontbreekt iets in deze export (bijvoorbeeld de ledenlijst of een document). Er is niets aangemaakt. Maak een nieuwe export.',
    en: 'Something is missing from this export (for example the member list or a document). Nothing was created. Make a new export.',
  },
  import_bad_entry: {
    nl: 'Deze export bevat een bestand dat er niet in hoort of niet klopt. Er is niets aangemaakt.',
    en: 'This export contains a file that does not belong in it or is damaged. Nothing was created.',
  },
  import_too_large: {
    nl: 'Deze export is te groot om in te lezen. Er is niets aangemaakt.',
    en: 'This export is too large to read. Nothing was created.',
  },
  last_editor: {
    nl: 'Je bent de laatste die kan meeschrijven. Nodig eerst iemand uit, of verwijder de hele samenwerking.',
    en: 'You are the last member who can edit. Invite someone first, or delete the whole workspace.',
  },
  confirmation_required: {
    nl: 'Bevestig eerst met de naam van de samenwerking. Er is niets verwijderd.',
    en: 'Confirm with the name of the workspace first. Nothing was deleted.',
  },
  bad_request: { nl: 'Het verzoek is niet goed opgebouwd.', en: 'The request is malformed.' },
  name_required: { nl: 'Vul een naam in.', en: 'Please fill in a name.' },
  name_too_long: { nl: 'Die naam is te lang (hoogstens 80 tekens).', en: 'That name is too long (80 characters at most).' },
  role_invalid: {
    nl: 'Kies een rol: bewoner, professional of anders.',
    en: 'Choose a role: resident, professional or other.',
  },
  access_invalid: { nl: 'Kies toegang: bewerken of alleen lezen.', en: 'Choose access: edit or view only.' },
  unauthenticated: { nl: 'Je bent niet ingelogd in deze werkruimte.', en: 'You are not signed in to this workspace.' },
  forbidden: { nl: 'Je hebt hier geen toegang toe.', en: 'You do not have access to this.' },
  not_found: { nl: 'Dit bestaat niet (meer).', en: 'This does not exist (any more).' },
  signup_closed: {
    nl: 'Op deze server kun je zelf geen werkruimte aanmaken. Vraag de beheerder.',
    en: 'This server does not allow creating workspaces. Ask the administrator.',
  },
  payload_too_large: { nl: 'Het verzoek is te groot.', en: 'The request is too large.' },
  unsupported_media_type: { nl: 'Stuur het verzoek als JSON.', en: 'Send the request as JSON.' },
  too_many_requests: {
    nl: 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.',
    en: 'Too many attempts. Wait a minute and try again.',
  },
  document_limit_reached: {
    nl: 'Deze werkruimte heeft het hoogste aantal documenten bereikt. Archiveer of verwijder er eerst een.',
    en: 'This workspace has reached its maximum number of documents. Archive or delete one first.',
  },
  pdf_unavailable: {
    nl: 'Een PDF maken lukt nu niet: op de server ontbreekt het programma dat PDF-bestanden maakt (Chromium). Kies Word of Markdown, of vraag de beheerder om Chromium te installeren.',
    en: 'A PDF cannot be made right now: the server lacks the program that makes PDF files (Chromium). Choose Word or Markdown, or ask the administrator to install Chromium.',
  },
  not_rich_text: {
    nl: 'Dit soort document kun je niet zo downloaden. Alleen plannen en verslagen van overleg.',
    en: 'This kind of document cannot be downloaded like this. Only plans and meeting notes can.',
  },
  import_invalid: {
    nl: 'Dit bestand kon niet worden omgezet naar een plan. Er is niets aangemaakt.',
    en: 'This file could not be turned into a plan. Nothing was created.',
  },
  internal: { nl: 'Er ging iets mis op de server. Probeer het later opnieuw.', en: 'Something went wrong on the server. Please try again later.' },
};

export function apiMessage(code: ApiErrorCode, language: Language): string {
  return messages[code][language];
}

/** Picks the language from an Accept-Language header: English only when asked for first. */
export function languageFromHeader(header: string | undefined): Language {
  return header?.trim().toLowerCase().startsWith('en') ? 'en' : 'nl';
}
