/**
 * What the demo contains: Futian District's 2022 "one list and three orders" as the article
 * (seed/one-list-three-orders.txt) describes it — 280 major projects worth 750 billion
 * yuan, 10 important reforms, a first batch of 42 tasks (30 class A, 12 class B) — plus the
 * units, people and tasks a working system needs and the article does not name.
 *
 * Everything the article does not state is invented and marked so: `invented: true` in
 * this catalog, "(invented)" in people's titles and an "Invented for the demo" note in the
 * description of every generated item. Generated values come from a seeded generator, so
 * every load produces the same ids, titles and money figures. Dates are the article's own
 * (see DEMO_CALENDAR): the local system lives in 2022, on the engine's virtual clock.
 */
import type { CreateItemInput } from '../../../functions/domain/commands.ts';
import type { Category, Stage, UnitType } from '../../../functions/domain/model.ts';

export const DEMO_YEAR = 2022;

export interface DemoUnit {
  readonly unitId: string;
  readonly name: string;
  readonly nameZh: string;
  readonly unitType: UnitType;
  /** True where the article does not name the unit. */
  readonly invented: boolean;
}

export interface DemoPerson {
  readonly personId: string;
  readonly unitId: string;
  readonly name: string;
  readonly title: string;
}

/** The ten subdistricts (街道) of Futian, named in the article. */
export const SUBDISTRICTS: readonly DemoUnit[] = [
  ['yuanling', 'Yuanling', '园岭'],
  ['nanyuan', 'Nanyuan', '南园'],
  ['futian', 'Futian', '福田'],
  ['shatou', 'Shatou', '沙头'],
  ['meilin', 'Meilin', '梅林'],
  ['huafu', 'Huafu', '华富'],
  ['xiangmihu', 'Xiangmihu', '香蜜湖'],
  ['lianhua', 'Lianhua', '莲花'],
  ['huaqiangbei', 'Huaqiangbei', '华强北'],
  ['fubao', 'Fubao', '福保'],
].map(([unitId, name, zh]) => ({
  unitId: unitId!,
  name: `${name} Subdistrict`,
  nameZh: `${zh}街道`,
  unitType: 'subdistrict' as const,
  invented: false,
}));

/** District departments. The article names none: this selection is invented for the demo. */
export const DEPARTMENTS: readonly DemoUnit[] = [
  ['dev-reform', 'Development and Reform Bureau', '发展和改革局'],
  ['housing', 'Housing and Construction Bureau', '住房和建设局'],
  ['education', 'Education Bureau', '教育局'],
  ['science-tech', 'Science, Technology and Innovation Bureau', '科技创新局'],
  ['urban-renewal', 'Urban Renewal and Land Preparation Bureau', '城市更新和土地整备局'],
  ['transport', 'Transport Bureau', '交通运输局'],
  ['ecology', 'Ecology and Environment Bureau', '生态环境局'],
  ['finance', 'Finance Bureau', '财政局'],
].map(([unitId, name, zh]) => ({
  unitId: unitId!,
  name: `Futian District ${name}`,
  nameZh: `福田区${zh}`,
  unitType: 'department' as const,
  invented: true,
}));

export const UNITS: readonly DemoUnit[] = [...SUBDISTRICTS, ...DEPARTMENTS];

/** Invented names for the invented project managers. */
const NAMES = [
  'Chen Jing',
  'Wang Lei',
  'Li Na',
  'Zhang Wei',
  'Liu Yang',
  'Huang Min',
  'Zhou Tao',
  'Wu Fang',
  'Xu Qiang',
  'Sun Li',
  'Ma Jun',
  'Zhu Hong',
  'Hu Bin',
  'Guo Yan',
  'He Ping',
  'Lin Xia',
  'Luo Gang',
  'Gao Hui',
  'Zheng Kai',
  'Liang Yu',
  'Xie Dan',
  'Song Jie',
  'Tang Rui',
  'Han Mei',
  'Feng Bo',
  'Deng Qian',
  'Cao Ning',
];

/** One project manager per unit, a second in every other unit: 27 invented people. */
export const PEOPLE: readonly DemoPerson[] = UNITS.flatMap((u, i) =>
  Array.from({ length: i % 2 === 0 ? 2 : 1 }, (_, k) => ({
    personId: `p-${u.unitId}-${k + 1}`,
    unitId: u.unitId,
    title: 'Project manager (invented demo person)',
  })),
).map((p, i) => ({ ...p, name: NAMES[i % NAMES.length]! }));

export const managerOf = (unitId: string, n = 1) => `p-${unitId}-${n}`;

/** Deterministic pseudo-random numbers (mulberry32): the same demo on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MILLION = 1_000_000;
const BILLION = 1_000_000_000;

/**
 * The totals the demo guarantees, stage by stage, chosen inside the article's bounds:
 * construction "more than 350 bn" with 42 bn to invest in the year, preliminary "nearly
 * 200 bn" with 10 bn of physical investment to form, planning "more than 200 bn"; 750 bn
 * in all. Planning projects carry no annual investment target.
 */
export const STAGE_FIGURES: Readonly<
  Record<Stage, { count: number; totalInvestment: number; annualInvestmentTarget: number }>
> = {
  construction: { count: 160, totalInvestment: 352 * BILLION, annualInvestmentTarget: 42 * BILLION },
  preliminary: { count: 80, totalInvestment: 196 * BILLION, annualInvestmentTarget: 10 * BILLION },
  planning: { count: 40, totalInvestment: 202 * BILLION, annualInvestmentTarget: 0 },
};

/** Everything a test may assert about a freshly loaded demo. */
export const DEMO_FIGURES = {
  year: DEMO_YEAR,
  units: { subdistricts: SUBDISTRICTS.length, departments: DEPARTMENTS.length },
  people: PEOPLE.length,
  projects: {
    total: 280,
    totalInvestment: 750 * BILLION,
    byStage: STAGE_FIGURES,
  },
  reforms: 10,
  tasks: {
    total: 42,
    classA: 30,
    classB: 12,
    byCategory: { strategic: 14, siege: 16, 'bottom-line': 12 } as Readonly<Record<Category, number>>,
  },
  /** First batch: every task, published. */
  batch: { batchNo: 1, total: 42, classA: 30, classB: 12 },
  /** Proposals: the 12 accepted class B tasks, one rejected, one awaiting review. */
  proposals: { accepted: 12, rejected: 1, pending: 1 },
  /** Where the meeting day leaves the tasks (see DEMO_STAGES); the history (story.ts) goes on from there. */
  taskStatuses: { published: 40, awarded: 1, in_progress: 1 },
  /**
   * The projects and reforms: launched at the meeting with their lead units, each assigned
   * directly to it (a responsibility order) and signed the same day, so all are at work.
   */
  listedStatuses: { in_progress: 290 },
  /** Two for tasks (numbers 1 and 2), then one per project and reform. */
  orders: { responsibility: 292 },
  /** Claims filed: pending ones plus the two awards and the one declined by an award. */
  claims: { pending: 6, awarded: 2, declined: 1 },
  progressReports: 0,
} as const;

/** Figures for one project, before dates are attached. */
interface ProjectSpec {
  readonly itemId: string;
  readonly title: string;
  readonly category: Category;
  readonly stage: Stage;
  readonly leadUnitId: string;
  readonly totalInvestment: number;
  readonly annualInvestmentTarget: number;
  readonly invented: boolean;
  readonly note?: string;
}

interface NamedProject {
  readonly title: string;
  readonly category: Category;
  readonly leadUnitId: string;
  /** The article gives no per-project figures: these amounts are invented (in millions). */
  readonly totalMillions: number;
  readonly annualMillions: number;
}

/** The projects the article names, by stage. */
const NAMED_PROJECTS: Readonly<Record<Stage, readonly NamedProject[]>> = {
  construction: [
    {
      title: 'Shenzhen Financial Technology Research Institute',
      category: 'strategic',
      leadUnitId: 'science-tech',
      totalMillions: 8_600,
      annualMillions: 1_200,
    },
    {
      title: 'Reconstruction of Hewan North District (Nanhua Village)',
      category: 'bottom-line',
      leadUnitId: 'urban-renewal',
      totalMillions: 12_800,
      annualMillions: 1_900,
    },
    {
      title: 'Reconstruction and expansion of Futian Middle School',
      category: 'bottom-line',
      leadUnitId: 'education',
      totalMillions: 2_300,
      annualMillions: 600,
    },
  ],
  preliminary: [
    {
      title: 'Hetao Shenzhen–Hong Kong Science and Technology Innovation Cooperation Zone, East Wing-1',
      category: 'strategic',
      leadUnitId: 'science-tech',
      totalMillions: 9_500,
      annualMillions: 800,
    },
    {
      title: 'North extension of Qiaocheng East Road',
      category: 'siege',
      leadUnitId: 'transport',
      totalMillions: 6_200,
      annualMillions: 500,
    },
    {
      title: 'Urban renewal of the Samsung industrial zone, phase B',
      category: 'siege',
      leadUnitId: 'urban-renewal',
      totalMillions: 7_400,
      annualMillions: 400,
    },
  ],
  planning: [
    {
      title: 'Urban renewal of the Xiangmihu central district',
      category: 'strategic',
      leadUnitId: 'xiangmihu',
      totalMillions: 42_000,
      annualMillions: 0,
    },
    {
      title: 'Comprehensive renovation of the Huafu Street area and reconstruction of dilapidated areas',
      category: 'siege',
      leadUnitId: 'huafu',
      totalMillions: 36_000,
      annualMillions: 0,
    },
    {
      title: 'Continued reconstruction and upgrading of the Chegongmiao area',
      category: 'siege',
      leadUnitId: 'xiangmihu',
      totalMillions: 28_000,
      annualMillions: 0,
    },
    {
      title: 'Western ecological corridor',
      category: 'bottom-line',
      leadUnitId: 'ecology',
      totalMillions: 8_000,
      annualMillions: 0,
    },
  ],
};

/** Kinds of invented projects, with the battle line each one serves. */
const PROJECT_KINDS: readonly { kind: string; category: Category; dept: string }[] = [
  { kind: 'industrial space upgrading', category: 'strategic', dept: 'dev-reform' },
  { kind: 'headquarters building', category: 'strategic', dept: 'dev-reform' },
  { kind: 'innovation centre', category: 'strategic', dept: 'science-tech' },
  { kind: 'road improvement', category: 'siege', dept: 'transport' },
  { kind: 'urban renewal unit', category: 'siege', dept: 'urban-renewal' },
  { kind: 'public housing estate', category: 'siege', dept: 'housing' },
  { kind: 'school expansion', category: 'bottom-line', dept: 'education' },
  { kind: 'community health centre', category: 'bottom-line', dept: 'housing' },
  { kind: 'drainage and flood-control upgrade', category: 'bottom-line', dept: 'ecology' },
  { kind: 'park and greenway renovation', category: 'bottom-line', dept: 'ecology' },
];

/**
 * Splits `total` (whole millions) into integer shares proportional to `weights`; the
 * rounding remainder goes to the first shares, so the parts add up exactly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - shares.reduce((s, v) => s + v, 0);
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i]! += 1;
  return shares;
}

/**
 * The 280 projects: the named ones first in each stage (2022-P-001…003 under construction,
 * 161…163 preliminary, 241…244 planning), the rest invented, their money split so that
 * each stage adds up to STAGE_FIGURES exactly.
 */
export function projectSpecs(): ProjectSpec[] {
  const rand = seeded(20220422);
  const out: ProjectSpec[] = [];
  let no = 1;
  for (const stage of ['construction', 'preliminary', 'planning'] as const) {
    const fig = STAGE_FIGURES[stage];
    const named = NAMED_PROJECTS[stage];
    const generated = fig.count - named.length;
    const namedTotal = named.reduce((s, p) => s + p.totalMillions, 0);
    const namedAnnual = named.reduce((s, p) => s + p.annualMillions, 0);
    const weights = Array.from({ length: generated }, () => 0.3 + rand() * 1.7);
    const totals = allocate(fig.totalInvestment / MILLION - namedTotal, weights);
    // Annual targets follow size with some spread (at most ~17% of a project's total).
    const annualWeights = totals.map((t) => t * (0.6 + rand() * 0.8));
    const annuals = allocate(fig.annualInvestmentTarget / MILLION - namedAnnual, annualWeights);
    for (const p of named) {
      out.push({
        itemId: projectId(no++),
        title: p.title,
        category: p.category,
        stage,
        leadUnitId: p.leadUnitId,
        totalInvestment: p.totalMillions * MILLION,
        annualInvestmentTarget: p.annualMillions * MILLION,
        invented: false,
        note: 'Named in the article; the investment figures are invented for the demo.',
      });
    }
    for (let i = 0; i < generated; i++) {
      const k = PROJECT_KINDS[Math.floor(rand() * PROJECT_KINDS.length)]!;
      const area = SUBDISTRICTS[Math.floor(rand() * SUBDISTRICTS.length)]!;
      const total = totals[i]!;
      out.push({
        itemId: projectId(no),
        title: `${area.name.replace(' Subdistrict', '')} ${k.kind} project ${no}`,
        category: k.category,
        stage,
        // Subdistricts lead half the invented projects, departments the other half.
        leadUnitId: rand() < 0.5 ? area.unitId : k.dept,
        totalInvestment: total * MILLION,
        annualInvestmentTarget: annuals[i]! * MILLION,
        invented: true,
      });
      no++;
    }
  }
  return out;
}

const projectId = (n: number) => `${DEMO_YEAR}-P-${String(n).padStart(3, '0')}`;

/** The ten important reforms of 2022, as the article lists them. */
export const REFORMS: readonly { title: string; category: Category; leadUnitId: string }[] = [
  {
    title: 'Implement the "three major projects" of organisational work',
    category: 'bottom-line',
    leadUnitId: 'dev-reform',
  },
  {
    title: 'Build the efficient implementation mechanism of "one list and three orders" in Futian District',
    category: 'strategic',
    leadUnitId: 'dev-reform',
  },
  {
    title:
      'Innovate the scientific research system and mechanism of the Hetao Shenzhen–Hong Kong Science and Technology Innovation Cooperation Zone',
    category: 'strategic',
    leadUnitId: 'science-tech',
  },
  {
    title: 'Establish a mechanism for gathering and developing venture capital in the Greater Bay Area',
    category: 'strategic',
    leadUnitId: 'finance',
  },
  {
    title:
      'Establish a new mechanism for the overall planning, integrated development and rectification of large areas',
    category: 'siege',
    leadUnitId: 'urban-renewal',
  },
  {
    title: 'Promote the equity reform of joint-stock cooperative companies',
    category: 'siege',
    leadUnitId: 'finance',
  },
  {
    title: 'Implement the "quick public opinion" reform in Futian District',
    category: 'bottom-line',
    leadUnitId: 'dev-reform',
  },
  {
    title: 'Explore the "Futian new model" of modern mediation',
    category: 'bottom-line',
    leadUnitId: 'futian',
  },
  {
    title: 'Explore a new path for the supply of basic public services',
    category: 'bottom-line',
    leadUnitId: 'housing',
  },
  { title: 'Pilot the reform of school districts', category: 'bottom-line', leadUnitId: 'education' },
];

export const reformId = (n: number) => `${DEMO_YEAR}-R-${String(n).padStart(2, '0')}`;
export const taskId = (n: number) => `${DEMO_YEAR}-T-${String(n).padStart(2, '0')}`;

/**
 * The first batch. The article gives its size and split (30 class A, 12 class B, three
 * battle lines) but no titles: every title here is invented.
 */
export const CLASS_A_TASKS: readonly { title: string; category: Category }[] = [
  ...[
    'Attract ten licensed financial institution headquarters to the Futian CBD',
    'Open a cross-border research data channel for the Hetao cooperation zone',
    'Land three national-level innovation platforms in Hetao',
    'Widen the digital-RMB pilot scenarios in Futian',
    'Set up the Greater Bay Area venture capital service centre',
    'Bring five consumer-brand flagship stores to Futian',
    'Launch the international talent service station network',
    'Build the Huaqiangbei electronics trade digital platform',
    'Grow the cross-border legal and accounting services cluster',
    'Meet the annual investment target of the strategic emerging industries',
  ].map((title) => ({ title, category: 'strategic' as const })),
  ...[
    'Clear the land for the Xiangmihu central district renewal',
    'Start the Futian Middle School expansion works on schedule',
    'Sign the relocation agreements of the Hewan North (Nanhua Village) reconstruction',
    'Open the works of the Qiaocheng East Road north extension',
    'Reach 95% signed agreements in the Samsung industrial zone phase B',
    'Obtain the demolition approvals for the Chegongmiao upgrade',
    'Deliver 3,000 units of affordable housing',
    'Resolve ten historical land and property-title cases',
    'Complete the survey and plan of the Huafu dilapidated areas',
    'Complete the master plan of the western ecological corridor',
    'Add 2,000 public parking spaces',
    'Bring twenty stalled projects back into construction',
  ].map((title) => ({ title, category: 'siege' as const })),
  ...[
    'Remove the major hidden dangers of old residential buildings',
    'Keep the drainage network free of waterlogging points in the flood season',
    'Keep every river and outfall of Futian at stable water quality',
    'Retrofit the gas pipelines of old communities',
    'Clear wage arrears on construction sites',
    'Bring the backlog of the "quick public opinion" platform to zero',
    'Inspect the food safety of every school canteen',
    'Complete the fire-safety rectification of "three small places"',
  ].map((title) => ({ title, category: 'bottom-line' as const })),
];

/** Class B tasks: declared bottom-up by the unit named, then accepted by the office. */
export const CLASS_B_TASKS: readonly { title: string; category: Category; unitId: string }[] = [
  {
    unitId: 'futian',
    category: 'strategic',
    title: 'Open a headquarters-economy service desk in the Futian CBD',
  },
  { unitId: 'lianhua', category: 'strategic', title: 'Incubate the Lianhua creative industry park' },
  {
    unitId: 'science-tech',
    category: 'strategic',
    title: 'Open shared laboratories for small firms in Hetao',
  },
  {
    unitId: 'huaqiangbei',
    category: 'strategic',
    title: 'Create the Huaqiangbei global electronics sourcing fair',
  },
  { unitId: 'meilin', category: 'siege', title: 'Turn the old Meilin industrial area into innovation space' },
  { unitId: 'shatou', category: 'siege', title: 'Ease traffic around the Shatou border crossing' },
  { unitId: 'transport', category: 'siege', title: 'Finish the Futian cycling and walking network' },
  { unitId: 'fubao', category: 'siege', title: 'Upgrade the logistics lanes of the Fubao bonded zone' },
  {
    unitId: 'yuanling',
    category: 'bottom-line',
    title: 'Install lifts in 100 old residential buildings of Yuanling',
  },
  { unitId: 'nanyuan', category: 'bottom-line', title: 'Open community canteens for the elderly in Nanyuan' },
  { unitId: 'xiangmihu', category: 'bottom-line', title: 'Restore the lakeside ecology of Xiangmihu' },
  {
    unitId: 'huafu',
    category: 'bottom-line',
    title: 'Set up a network of community mediation rooms in Huafu',
  },
];

/** Proposals that do not become items: one the office rejects, one left for review. */
export const OTHER_PROPOSALS = {
  rejected: {
    unitId: 'ecology',
    category: 'bottom-line' as Category,
    title: 'Build an artificial beach on the Shenzhen River',
    reason:
      'Not feasible within the flood-control requirements of the river; resubmit as a greenway proposal.',
  },
  pending: {
    unitId: 'education',
    category: 'bottom-line' as Category,
    title: 'Extend after-school services to every primary school',
  },
} as const;

/**
 * How far the meeting day (2022-04-22) takes some tasks: competing claims awaiting an
 * award, an award awaiting acknowledgement, an acknowledged pilot task. The claims match
 * the leads of story.ts, which carries the year on from there.
 * Class B tasks are referred to by their position in CLASS_B_TASKS (their ids come from
 * the proposal flow).
 */
export const DEMO_STAGES = {
  /** Claims left pending (the claim window is open): [task, unit]. */
  pendingClaims: [
    [taskId(1), 'futian'],
    [taskId(1), 'lianhua'],
    [taskId(2), 'science-tech'],
    [taskId(3), 'dev-reform'],
    [taskId(12), 'education'],
  ] as const,
  /** A class B task claimed by the unit that declared it (index into CLASS_B_TASKS). */
  classBClaim: 4,
  /** Two claims, the commander awards the first; the item waits for acknowledgement. */
  awarded: { itemId: taskId(4), winner: 'nanyuan', loser: 'shatou' },
  /** The pilot: claimed, awarded and acknowledged at the meeting (it reports from the next week on). */
  inProgress: { itemId: taskId(5), unitId: 'meilin' },
} as const;

/**
 * The demo's calendar: the article's year, not the day of loading. The workflows act on
 * these dates, so the local system runs on a virtual clock that starts at `origin` (npm
 * start and npm run demo set the engine clock there on a fresh data folder).
 */
export const DEMO_CALENDAR = {
  /** 2022-04-22 09:00 Beijing: the article's promotion meeting, where the first batch was published. */
  origin: new Date('2022-04-22T09:00:00+08:00'),
  /** Claim window of the first batch: until the end of Friday 2022-05-13, Beijing time. */
  claimWindowClosesAt: '2022-05-13T15:59:59.999Z',
  /** Task milestones (30/40/30): end of June, end of September, end of the year. */
  milestones: { m1: '2022-06-30', m2: '2022-09-30', m3: '2022-12-31' },
  /** Every item of the 2022 list is due within the year. */
  deadline: '2022-12-31',
} as const;

const INVENTED = 'Invented for the demo: the article does not describe this item.';

/** Three milestones (30/40/30) ending on the deadline, and one target. */
function taskShape(title: string): Pick<CreateItemInput, 'deadline' | 'milestones' | 'targets'> {
  const { milestones: m, deadline } = DEMO_CALENDAR;
  return {
    deadline,
    milestones: [
      { id: 'm1', title: 'Plan approved and team in place', dueDate: m.m1, weight: 30 },
      { id: 'm2', title: 'Main works half done', dueDate: m.m2, weight: 40 },
      { id: 'm3', title: `Done: ${title}`.slice(0, 200), dueDate: m.m3, weight: 30 },
    ],
    targets: [{ indicator: 'Completion of the expected effect', targetValue: 100, unit: 'percent' }],
  };
}

export type DemoItemInput = CreateItemInput & { readonly itemId: string };

/**
 * Projects and reforms carry the year's deadline: the list is annual, and what a project
 * owes in 2022 is its annual investment target (the projects themselves run for years).
 */
export function projectInputs(): DemoItemInput[] {
  return projectSpecs().map((p) => ({
    itemId: p.itemId,
    year: DEMO_YEAR,
    kind: 'project',
    itemClass: 'A',
    category: p.category,
    title: p.title,
    description: p.invented ? INVENTED : (p.note ?? ''),
    leadUnitId: p.leadUnitId,
    project: {
      stage: p.stage,
      totalInvestment: p.totalInvestment,
      annualInvestmentTarget: p.annualInvestmentTarget,
    },
    deadline: DEMO_CALENDAR.deadline,
  }));
}

export function reformInputs(): DemoItemInput[] {
  return REFORMS.map((r, i) => ({
    itemId: reformId(i + 1),
    year: DEMO_YEAR,
    kind: 'reform',
    itemClass: 'A',
    category: r.category,
    title: r.title,
    description: 'One of the ten important reforms of 2022 named in the article.',
    leadUnitId: r.leadUnitId,
    deadline: DEMO_CALENDAR.deadline,
  }));
}

export function classATaskInputs(): DemoItemInput[] {
  return CLASS_A_TASKS.map((t, i) => ({
    itemId: taskId(i + 1),
    year: DEMO_YEAR,
    kind: 'task',
    itemClass: 'A',
    category: t.category,
    title: t.title,
    description: `Class A (top-down) task of the first batch. ${INVENTED}`,
    ...taskShape(t.title),
  }));
}

/** The draft a unit declares (DeclareProposalInput: no class, no lead unit, no id). */
export function proposalDraft(t: {
  title: string;
  category: Category;
}): Omit<CreateItemInput, 'itemClass' | 'leadUnitId'> {
  return {
    year: DEMO_YEAR,
    kind: 'task',
    category: t.category,
    title: t.title,
    description: `Class B (bottom-up) task declared by a unit. ${INVENTED}`,
    ...taskShape(t.title),
  };
}
