/**
 * The example's people: fictional Finnish- and Swedish-speaking names (first and last names combined so
 * that no real person is meant), e-mail addresses on the reserved `.example` domain, one organisation each.
 * Pure data; the loader (example-data.ts) creates them through the people service.
 */

const FIRST = [
  'Aino',
  'Eero',
  'Helmi',
  'Ilkka',
  'Johanna',
  'Kari',
  'Laura',
  'Mikko',
  'Niina',
  'Olli',
  'Päivi',
  'Riikka',
  'Sami',
  'Tuula',
  'Ville',
  'Anu',
  'Heikki',
  'Katja',
  'Marko',
  'Outi',
  'Pekka',
  'Satu',
  'Teemu',
  'Tiina',
  'Jussi',
  'Minna',
  'Antti',
  'Hanna',
  'Juha',
  'Kirsi',
  'Lauri',
  'Maija',
  'Petri',
  'Sanna',
  'Timo',
  'Elina',
  'Jari',
  'Leena',
  'Markus',
  'Noora',
  'Anders',
  'Birgitta',
  'Fredrik',
  'Karin',
  'Lars',
  'Linnea',
  'Mats',
  'Sofia',
  'Henrik',
  'Ulrika',
  'Gustav',
  'Ebba',
  'Oskar',
  'Matilda',
  'Erik',
  'Ida',
  'Tapio',
  'Raili',
  'Vesa',
  'Emilia',
];

const LAST = [
  'Haapalahti',
  'Kuusiniemi',
  'Rantasalo',
  'Peltokangas',
  'Vuorimaa',
  'Salmenkivi',
  'Kallioranta',
  'Honkavaara',
  'Järvilehto',
  'Lehtosaari',
  'Mäntyranta',
  'Niemenpää',
  'Ojanperä',
  'Pihlajamäki',
  'Rautiola',
  'Sarvikivi',
  'Tammisalo',
  'Uusikylä',
  'Valkama',
  'Ylikorpi',
  'Strandberg',
  'Åkerlund',
  'Granholm',
  'Bergwall',
  'Sjöblom',
  'Holmlund',
  'Ekwall',
  'Nyström',
  'Koivuharju',
  'Lähdesmaa',
  'Kivilahti',
  'Hietaranta',
  'Somerkoski',
  'Paloniemi',
  'Virkkala',
  'Lindroos',
  'Forsblom',
  'Hagström',
];

export const TITLES = {
  ministry: ['Senior Specialist', 'Ministerial Adviser', 'Director', 'Senior Officer', 'Head of Unit'],
  agency: ['Chief Inspector', 'Senior Specialist', 'Development Manager', 'Head of Section'],
  research: ['Research Manager', 'Senior Researcher', 'Chief Specialist'],
  regional: ['Senior Inspector', 'Preparedness Director', 'Senior Officer'],
  municipal: ['Development Manager', 'Senior Adviser', 'Chief Specialist'],
  ngo: ['Executive Director', 'Programme Manager', 'Specialist'],
  business: ['Director', 'Senior Adviser', 'Head of Security'],
  other: ['Specialist', 'Coordinator', 'Director'],
} as const;

const plain = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');

/** The mail domain of an organisation: its abbreviation, plain, under the reserved `.example` top-level domain. */
export const mailDomain = (abbreviation: string) => `${plain(abbreviation)}.example`;

/**
 * The n-th fictional name. Walks first and last names with steps coprime to their lengths, so the first
 * FIRST.length × LAST.length names never repeat.
 */
export function fictionalName(n: number): { first: string; last: string } {
  const first = FIRST[(n * 7) % FIRST.length]!;
  const last = LAST[(n * 5 + Math.floor(n / LAST.length)) % LAST.length]!;
  return { first, last };
}

export const emailOf = (first: string, last: string, abbreviation: string) =>
  `${plain(first)}.${plain(last)}@${mailDomain(abbreviation)}`;
