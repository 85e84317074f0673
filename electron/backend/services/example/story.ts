/**
 * The example's history, 2019–2022, from the facts of the 2022 interim report, and the rhythm that
 * continues it into the present. Pure data: dates of history are absolute; the loader (example-data.ts)
 * turns the rhythm into meetings and places the "alive" part relative to the day it loads.
 */

/** An item with what was said and decided about it. */
export interface StoryItem {
  title: string;
  type?: 'information' | 'discussion' | 'decision';
  minutes?: string;
  decision?: string;
  /** An action item from this item: owner is an organisation abbreviation (its member in the group is the owner). */
  action?: { title: string; owner: string; dueDays: number };
}

/** A meeting the report tells of. */
export interface StoryMeeting {
  key: string;
  group: string;
  date: string;
  title?: string;
  items: StoryItem[];
}

const P8_PROPOSALS =
  'The cooperation group approved the five priority proposals of priority 8 (asylum seekers who stayed in Finland without a residence permit): ' +
  'a shared description of the phenomenon, guidance for municipalities, the exchange of information between authorities, ' +
  'support services of organisations, and return counselling. Their implementation continues this year as part of the update of ' +
  'the action programme against illegal entry and stay.';

const FIRST_EIGHT = [
  'Strategic security communication and the sense of security',
  'Security capital of children and young people at risk of exclusion',
  'Renewal needs of local and regional security work',
  'Security know-how and preparedness of sparsely populated areas',
  'Housing safety of older people and help in emergencies',
  'Reducing and combating the breeding grounds of professional and organised crime',
  'Polarisation, conflict resolution and harassment',
  'Asylum seekers who stayed in Finland without a residence permit',
];

/** The cooperation group's meetings the report tells of (the rest of its four a year come from the rhythm). */
export const STORY_MEETINGS: StoryMeeting[] = [
  {
    key: 'cg-2019-10',
    group: 'cooperation-group',
    date: '2019-10-17',
    items: [
      {
        title: 'Starting the cooperation model',
        type: 'information',
        minutes: 'The model started in autumn 2019. The expert network prepares the first priority proposals by December.',
        action: { title: 'Prepare the first priority proposals', owner: 'SM', dueDays: 50 },
      },
    ],
  },
  {
    key: 'cg-2019-12',
    group: 'cooperation-group',
    date: '2019-12-12',
    items: [
      {
        title: 'The first priority proposals',
        type: 'decision',
        minutes:
          'The expert network presented the first eight priority proposals, prepared in autumn 2019. Preparing them took time, being the first time, but the proposals were thorough and of good quality.',
        decision: `The cooperation group approved the first eight priorities: ${FIRST_EIGHT.map((t, i) => `${i + 1}. ${t}`).join('; ')}.`,
        action: { title: 'Convene the priority groups and start preparing their plans', owner: 'SM', dueDays: 60 },
      },
    ],
  },
  {
    key: 'cg-2020-09-30',
    group: 'cooperation-group',
    date: '2020-09-30',
    items: [
      {
        title: 'Priority 8: the five priority proposals',
        type: 'decision',
        minutes:
          '21 organisations and over 90 experts took part through workshops in their own organisations after the stakeholder event was cancelled in spring 2020.',
        decision: P8_PROPOSALS,
        action: {
          title: 'Move the five proposals into the update of the action programme against illegal entry and stay',
          owner: 'SM',
          dueDays: 75,
        },
      },
    ],
  },
  {
    key: 'cg-2020-12',
    group: 'cooperation-group',
    date: '2020-12-10',
    items: [
      {
        title: 'The first year of the model',
        type: 'decision',
        minutes:
          'The priority groups started preparing their plans in January–February 2020; eight priorities were started during the year.',
        decision:
          'New possible priorities will be scanned continuously between the meetings of the cooperation group, in practice quarterly.',
      },
    ],
  },
  {
    key: 'cg-2021-06',
    group: 'cooperation-group',
    date: '2021-06-10',
    items: [
      {
        title: 'Scanning: candidate list of the expert network',
        type: 'decision',
        minutes: 'Of the themes proposed in the quarterly rounds, one reached the cooperation group: cybercrime.',
        decision:
          'The cooperation group decided to start preparing a new priority: Cybercrime as a threat to everyday security (responsible: the National Police Board).',
      },
    ],
  },
  {
    key: 'cg-2021-09',
    group: 'cooperation-group',
    date: '2021-09-16',
    items: [
      {
        title: 'Priority 7 as a network',
        type: 'decision',
        decision:
          'Priority 7 continues as a network from autumn 2021; its chair rotates among the Ministry of the Interior, the Ministry of Economic Affairs and Employment and the Ministry of Social Affairs and Health.',
      },
      {
        title: 'The rhythm of scanning',
        type: 'decision',
        minutes: 'The quarterly rhythm proved too dense: preparing candidates takes a lot of work.',
        decision: 'The expert network scans for new priorities every half-year from the second half of 2021.',
      },
    ],
  },
  {
    key: 'cg-2021-12',
    group: 'cooperation-group',
    date: '2021-12-09',
    items: [
      {
        title: 'Priority 1: responsibility',
        type: 'decision',
        minutes: 'Implementation waits for the sentiment analysis tool; the pandemic and the situation have overtaken the work.',
        decision:
          'From 2022 the Ministry of the Interior and the Prime Minister’s Office are jointly responsible for priority 1.',
      },
    ],
  },
  {
    key: 'cg-2022-05-24',
    group: 'cooperation-group',
    date: '2022-05-24',
    items: [
      {
        title: 'Interim report of the cooperation model (draft)',
        type: 'discussion',
        minutes:
          'The model as a whole was considered a success: the breadth of internal security shows, the cross-administrative approach adds impact, multi-professional work is a strength, and the strategy is dynamic and alive. To develop: identifying the interfaces between themes at the very start.',
        decision: 'The cooperation group discussed the draft interim report; the secretariat finalises it from the comments.',
        action: { title: 'Finalise the interim report from the comments', owner: 'SM', dueDays: 30 },
      },
    ],
  },
  {
    key: 'p8-2020-02',
    group: 'p8',
    date: '2020-02-06',
    items: [
      {
        title: 'A shared description of the phenomenon',
        type: 'discussion',
        minutes:
          'The group was formed by the organisations that announced their interest. It drafts a shared description and collects the members’ proposals.',
        action: { title: 'Send the organisation’s proposals for influencing the phenomenon', owner: 'POHA', dueDays: 21 },
      },
    ],
  },
  {
    key: 'p8-2020-04',
    group: 'p8',
    date: '2020-04-02',
    items: [
      {
        title: 'Hearing the stakeholders',
        type: 'decision',
        minutes: 'The broad stakeholder event cannot be held because of the restrictions of the pandemic.',
        decision:
          'The stakeholder event is cancelled; stakeholders are asked to hold a workshop in their own organisation and send their material to the group.',
        action: { title: 'Ask the stakeholders for their workshop material', owner: 'SM', dueDays: 30 },
      },
    ],
  },
  {
    key: 'p8-2020-08',
    group: 'p8',
    date: '2020-08-27',
    items: [
      {
        title: 'Five priority proposals',
        type: 'decision',
        minutes: 'Material arrived from 21 organisations and over 90 experts.',
        decision:
          'The group sends its description of the phenomenon and five priority proposals to the cooperation group for its meeting of 30.9.2020.',
      },
    ],
  },
];

/** Topics a group's meetings go through in turn (each meeting takes the next), from the report's section 2.3. */
export const TOPICS: Record<string, StoryItem[]> = {
  'cooperation-group': [
    {
      title: 'Situation of the priorities',
      type: 'information',
      minutes: 'The conveners reported on their groups; plans are proceeding.',
    },
    {
      title: 'Candidate list of the expert network',
      type: 'decision',
      decision: 'The cooperation group took note of the candidate list.',
    },
    {
      title: 'Resources of the priority work',
      type: 'discussion',
      minutes: 'Continuing priorities need resources; the government programme shapes the priorities of state actors.',
    },
    {
      title: 'Indicators of impact',
      type: 'discussion',
      minutes: 'Most indicators still measure process; combining data of several sectors could describe the situation better.',
    },
  ],
  p1: [
    {
      title: 'Sense of security: the sentiment analysis tool',
      type: 'discussion',
      minutes: 'Implementation waits for the sentiment analysis tool.',
    },
    {
      title: 'Strategic security communication',
      type: 'discussion',
      minutes: 'The pandemic has overtaken the communication plan.',
    },
  ],
  p2: [
    { title: 'Plan of the priority', type: 'discussion', minutes: 'The plan is being drafted; ready in late spring 2021.' },
    {
      title: 'The situation room of young people’s security',
      type: 'information',
      minutes: 'An investigator was hired for the situation room; work started in May 2022.',
    },
    {
      title: 'Research by Nuorisotutkimusseura',
      type: 'information',
      minutes: 'EUR 200 000 research on young people at risk of exclusion, 2022–2023.',
    },
    { title: 'MOPA trainings', type: 'information', minutes: 'Multi-professional trainings are held in the regions.' },
    {
      title: 'Youth gangs with priority 6',
      type: 'discussion',
      minutes: 'The youth gang theme is worked on together with priority 6.',
    },
  ],
  p3: [
    {
      title: 'Minimum indicators for municipalities',
      type: 'decision',
      decision: 'The minimum indicators are proposed for the electronic welfare report.',
    },
    {
      title: 'Safety-plan template in TUOVI',
      type: 'information',
      minutes: 'The template of the local safety plan is published in TUOVI.',
    },
    {
      title: 'Coordination of regional security work',
      type: 'discussion',
      minutes: 'Regional coordination is handled as part of this priority.',
    },
  ],
  p4: [
    {
      title: 'Village survey',
      type: 'information',
      minutes: 'Suomen Kylät ry ran the village survey on security and preparedness.',
    },
    {
      title: 'Pilot of local preparedness centres (PAVAK)',
      type: 'discussion',
      minutes: 'Villages pilot local preparedness centres.',
    },
    { title: 'Study on multi-locality', type: 'discussion', minutes: 'The study has no resources yet.' },
  ],
  p5: [
    {
      title: 'Study of Ikäinstituutti',
      type: 'information',
      minutes: 'The study on the housing safety of older people was published in February 2021.',
    },
    { title: 'Guide on housing safety', type: 'discussion', minutes: 'The guide is being written with the subgroups.' },
    { title: 'Concern reports', type: 'information', minutes: 'STM set up a working group on concern reports in December 2020.' },
  ],
  'p5-residential': [
    {
      title: 'Safety of residential areas',
      type: 'discussion',
      minutes: 'The subgroup maps good practice of housing companies.',
    },
    {
      title: 'Webinars of the housing safety network',
      type: 'information',
      minutes: 'The themes are presented in SPEK’s webinars every half-year.',
    },
  ],
  'p5-emergencies': [
    {
      title: 'Help in emergencies at home',
      type: 'discussion',
      minutes: 'The subgroup reviews safety phones and the help chain.',
    },
    {
      title: 'Own preparedness of older people',
      type: 'discussion',
      minutes: 'Means of supporting older people’s own preparedness in 2022.',
    },
  ],
  p6: [
    {
      title: 'Situational picture of organised crime',
      type: 'information',
      minutes: 'The group updates its shared situational picture.',
    },
    {
      title: 'Authorities’ own-initiative information exchange',
      type: 'discussion',
      minutes: 'Confidentiality limits sharing; a study of the authorities’ own-initiative exchange is prepared.',
    },
    {
      title: 'ISF funding application',
      type: 'decision',
      decision: 'The group prepares an application for Internal Security Fund funding.',
    },
    { title: 'Youth gangs with priority 2', type: 'discussion', minutes: 'Joint work on youth gangs with priority 2.' },
  ],
  p7: [
    {
      title: 'A shared working definition of polarisation',
      type: 'discussion',
      minutes: 'The network prepares a shared working definition.',
    },
    {
      title: 'Observations of the member organisations',
      type: 'information',
      minutes: 'The members’ observations of polarisation are collected into a discussion paper.',
    },
    {
      title: 'Peer and self-assessment',
      type: 'discussion',
      minutes: 'The network starts the peer and self-assessment of the plan in the member organisations.',
    },
    {
      title: 'Invitation seminar on polarisation',
      type: 'decision',
      decision: 'The network holds an invitation seminar on polarisation in Finland.',
    },
  ],
  p8: [{ title: 'Proposals of the organisations', type: 'discussion', minutes: 'The members’ proposals were reviewed.' }],
};

/** Meetings a year by group: the cooperation group four, priority 6 about monthly, the others five. */
export const RHYTHM: Record<string, { perYear: number; from: string; until?: string }> = {
  'cooperation-group': { perYear: 4, from: '2020-03-01' },
  'expert-network': { perYear: 2, from: '2020-01-15' },
  p1: { perYear: 4, from: '2020-02-01', until: '2021-12-31' },
  p2: { perYear: 5, from: '2020-01-20' },
  p3: { perYear: 5, from: '2020-01-20' },
  p4: { perYear: 5, from: '2020-02-01' },
  p5: { perYear: 3, from: '2020-02-01' },
  'p5-residential': { perYear: 4, from: '2020-09-01' },
  'p5-emergencies': { perYear: 4, from: '2020-09-01' },
  p6: { perYear: 11, from: '2020-01-15' },
  p7: { perYear: 6, from: '2020-02-01' },
};

/** Scanning candidates by round (labels as the app writes them); outcome and fold target (group key). */
export interface StoryCandidate {
  title: string;
  phenomenon: string;
  lead: string;
  quality: number;
  outcome: 'approved' | 'rejected' | 'deferred' | 'folded' | 'not_shortlisted';
  reason?: string;
  foldInto?: string;
}

export const QUARTERLY_ROUNDS: { label: string; start: string; candidates: StoryCandidate[] }[] = [
  {
    label: '2021 A1',
    start: '2021-01-11',
    candidates: [
      {
        title: 'Loneliness of older people during the pandemic',
        phenomenon: 'Isolation weakens older people’s safety at home.',
        lead: 'STM',
        quality: 3,
        outcome: 'folded',
        reason: 'Handled within priority 5.',
        foldInto: 'p5',
      },
      {
        title: 'Youth gangs in the capital region',
        phenomenon: 'Street gangs recruit young people at risk of exclusion.',
        lead: 'POHA',
        quality: 4,
        outcome: 'folded',
        reason: 'Worked on by priorities 2 and 6 together.',
        foldInto: 'p6',
      },
      {
        title: 'Drones and everyday security',
        phenomenon: 'Small drones create new risks near people and critical sites.',
        lead: 'Rajavartiolaitos',
        quality: 2,
        outcome: 'not_shortlisted',
      },
    ],
  },
  {
    label: '2021 A2',
    start: '2021-03-22',
    candidates: [
      {
        title: 'Cybercrime as a threat to everyday security',
        phenomenon: 'Online fraud and data breaches reach ever more ordinary people.',
        lead: 'POHA',
        quality: 5,
        outcome: 'approved',
      },
      {
        title: 'Disinformation aimed at municipal decision-makers',
        phenomenon: 'Targeted disinformation and harassment of local decision-makers.',
        lead: 'Kuntaliitto',
        quality: 3,
        outcome: 'deferred',
        reason: 'Returns when priority 7 has its working definition.',
      },
      {
        title: 'Security of festivals and mass events',
        phenomenon: 'Events return after the pandemic with new crowd risks.',
        lead: 'SPEK',
        quality: 2,
        outcome: 'not_shortlisted',
      },
    ],
  },
];

export const QUARTERLY_2020: { label: string; start: string; candidates: StoryCandidate[] }[] = [
  {
    label: '2020 A1',
    start: '2020-05-11',
    candidates: [
      {
        title: 'Domestic violence during the restrictions',
        phenomenon: 'Restrictions keep victims and offenders at home.',
        lead: 'STM',
        quality: 3,
        outcome: 'rejected',
        reason: 'Covered by the programmes of the ministries.',
      },
      {
        title: 'Fire safety of older people at home',
        phenomenon: 'Older people living at home are over-represented in fire deaths.',
        lead: 'SPEK',
        quality: 4,
        outcome: 'folded',
        reason: 'Handled within priority 5.',
        foldInto: 'p5',
      },
    ],
  },
  {
    label: '2020 A2',
    start: '2020-08-17',
    candidates: [
      {
        title: 'Online harassment of officials',
        phenomenon: 'Officials are harassed on social media for their decisions.',
        lead: 'OM',
        quality: 3,
        outcome: 'rejected',
        reason: 'Taken up within polarisation, conflict resolution and harassment (priority 7).',
      },
      {
        title: 'Security of supply of medicines',
        phenomenon: 'Shortages of medicines in a crisis.',
        lead: 'STM',
        quality: 2,
        outcome: 'not_shortlisted',
      },
    ],
  },
  {
    label: '2020 A3',
    start: '2020-10-19',
    candidates: [
      {
        title: 'Identity theft and online fraud',
        phenomenon: 'Fraud against private people grows with digital services.',
        lead: 'POHA',
        quality: 3,
        outcome: 'rejected',
        reason: 'To be prepared further in the next rounds.',
      },
      {
        title: 'Radicalisation of young people online',
        phenomenon: 'Young people meet extremist content in games and chats.',
        lead: 'SM',
        quality: 3,
        outcome: 'folded',
        reason: 'Handled within priority 2.',
        foldInto: 'p2',
      },
    ],
  },
];

/** Themes of the semiannual rounds after the report (a couple a round), cycled. */
export const LATER_THEMES: Omit<StoryCandidate, 'outcome' | 'reason' | 'foldInto'>[] = [
  {
    title: 'Security of critical infrastructure in municipalities',
    phenomenon: 'Municipal water and energy systems face new threats.',
    lead: 'Kuntaliitto',
    quality: 3,
  },
  {
    title: 'Preparedness of households for long power cuts',
    phenomenon: 'Households rely on electricity for heat and communication.',
    lead: 'SPEK',
    quality: 4,
  },
  {
    title: 'Exploitation of migrant workers',
    phenomenon: 'Labour exploitation in seasonal and platform work.',
    lead: 'TEM',
    quality: 3,
  },
  {
    title: 'Safety of school routes in sparsely populated areas',
    phenomenon: 'Long school routes without supervision.',
    lead: 'OKM',
    quality: 2,
  },
  {
    title: 'Hybrid influence on everyday security',
    phenomenon: 'Instrumentalised migration and information influence.',
    lead: 'SM',
    quality: 4,
  },
  {
    title: 'Mental health crises and police call-outs',
    phenomenon: 'Police increasingly meet people in a mental health crisis.',
    lead: 'POHA',
    quality: 3,
  },
  { title: 'Scams aimed at older people', phenomenon: 'Phone and online scams target older people.', lead: 'POHA', quality: 3 },
  {
    title: 'Climate-related extreme weather and local rescue',
    phenomenon: 'Storms and floods strain local rescue services.',
    lead: 'SPEK',
    quality: 4,
  },
];
