/**
 * What the demo contains: Futian District's 2022 "one list and three orders" as the article
 * (seed/one-list-three-orders.txt) describes it — 280 major projects worth 750 billion
 * yuan, 10 important reforms, a first batch of 42 tasks (30 class A, 12 class B) — plus the
 * units, people and tasks a working system needs and the article does not name.
 *
 * The demo speaks the district's language: titles, people and notes are in Chinese (the
 * units keep an English `name` beside `nameZh` for the English console). The article's
 * projects and reforms carry their Chinese names; the rest is translated or invented.
 * Everything the article does not state is invented and marked so: `invented: true` in
 * this catalog, "（虚构）" in people's titles and a "演示虚构" note in the description of
 * every generated item. Generated values come from a seeded generator, so
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

/** A demo unit's Chinese name (the id when it is no demo unit), for the demo's own texts. */
export const unitZh = (unitId: string) => UNITS.find((u) => u.unitId === unitId)?.nameZh ?? unitId;

/** Invented names for the invented project managers. */
const NAMES = [
  '陈静',
  '王磊',
  '李娜',
  '张伟',
  '刘洋',
  '黄敏',
  '周涛',
  '吴芳',
  '徐强',
  '孙丽',
  '马骏',
  '朱红',
  '胡斌',
  '郭燕',
  '何平',
  '林霞',
  '罗刚',
  '高慧',
  '郑凯',
  '梁宇',
  '谢丹',
  '宋杰',
  '唐睿',
  '韩梅',
  '冯波',
  '邓倩',
  '曹宁',
];

/** One project manager per unit, a second in every other unit: 27 invented people. */
export const PEOPLE: readonly DemoPerson[] = UNITS.flatMap((u, i) =>
  Array.from({ length: i % 2 === 0 ? 2 : 1 }, (_, k) => ({
    personId: `p-${u.unitId}-${k + 1}`,
    unitId: u.unitId,
    title: '项目经理（虚构）',
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
      title: '深圳金融科技研究院',
      category: 'strategic',
      leadUnitId: 'science-tech',
      totalMillions: 8_600,
      annualMillions: 1_200,
    },
    {
      title: '河湾北片区（南华村）改造',
      category: 'bottom-line',
      leadUnitId: 'urban-renewal',
      totalMillions: 12_800,
      annualMillions: 1_900,
    },
    {
      title: '福田中学改扩建',
      category: 'bottom-line',
      leadUnitId: 'education',
      totalMillions: 2_300,
      annualMillions: 600,
    },
  ],
  preliminary: [
    {
      title: '河套深港科技创新合作区东翼-1项目',
      category: 'strategic',
      leadUnitId: 'science-tech',
      totalMillions: 9_500,
      annualMillions: 800,
    },
    {
      title: '侨城东路北延通道',
      category: 'siege',
      leadUnitId: 'transport',
      totalMillions: 6_200,
      annualMillions: 500,
    },
    {
      title: '三星工业区城市更新B期',
      category: 'siege',
      leadUnitId: 'urban-renewal',
      totalMillions: 7_400,
      annualMillions: 400,
    },
  ],
  planning: [
    {
      title: '香蜜湖中心区城市更新',
      category: 'strategic',
      leadUnitId: 'xiangmihu',
      totalMillions: 42_000,
      annualMillions: 0,
    },
    {
      title: '华富街道（片区）综合整治及危旧片区改造',
      category: 'siege',
      leadUnitId: 'huafu',
      totalMillions: 36_000,
      annualMillions: 0,
    },
    {
      title: '车公庙片区持续改造升级',
      category: 'siege',
      leadUnitId: 'xiangmihu',
      totalMillions: 28_000,
      annualMillions: 0,
    },
    {
      title: '西部生态廊道',
      category: 'bottom-line',
      leadUnitId: 'ecology',
      totalMillions: 8_000,
      annualMillions: 0,
    },
  ],
};

/** Kinds of invented projects, with the battle line each one serves. */
const PROJECT_KINDS: readonly { kind: string; category: Category; dept: string }[] = [
  { kind: '产业空间提升', category: 'strategic', dept: 'dev-reform' },
  { kind: '总部大厦', category: 'strategic', dept: 'dev-reform' },
  { kind: '创新中心', category: 'strategic', dept: 'science-tech' },
  { kind: '道路改善', category: 'siege', dept: 'transport' },
  { kind: '城市更新单元', category: 'siege', dept: 'urban-renewal' },
  { kind: '保障性住房', category: 'siege', dept: 'housing' },
  { kind: '学校扩建', category: 'bottom-line', dept: 'education' },
  { kind: '社区健康服务中心', category: 'bottom-line', dept: 'housing' },
  { kind: '排水防涝提升', category: 'bottom-line', dept: 'ecology' },
  { kind: '公园绿道改造', category: 'bottom-line', dept: 'ecology' },
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
        note: '原文点名的项目；投资额为演示虚构。',
      });
    }
    for (let i = 0; i < generated; i++) {
      const k = PROJECT_KINDS[Math.floor(rand() * PROJECT_KINDS.length)]!;
      const area = SUBDISTRICTS[Math.floor(rand() * SUBDISTRICTS.length)]!;
      const total = totals[i]!;
      out.push({
        itemId: projectId(no),
        title: `${area.nameZh.replace(/街道$/, '')}${k.kind}项目 ${no}号`,
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

/** The ten important reforms of 2022, as the article lists them (in their Chinese names). */
export const REFORMS: readonly { title: string; category: Category; leadUnitId: string }[] = [
  {
    title: '实施组织工作“三大工程”',
    category: 'bottom-line',
    leadUnitId: 'dev-reform',
  },
  {
    title: '构建福田区“一单三令”高效落实机制',
    category: 'strategic',
    leadUnitId: 'dev-reform',
  },
  {
    title: '推进河套深港科技创新合作区科研体制机制创新',
    category: 'strategic',
    leadUnitId: 'science-tech',
  },
  {
    title: '建立大湾区风投创投集聚发展机制',
    category: 'strategic',
    leadUnitId: 'finance',
  },
  {
    title: '建立大片区统筹规划、整体开发、综合整治新机制',
    category: 'siege',
    leadUnitId: 'urban-renewal',
  },
  {
    title: '推进股份合作公司股权改革',
    category: 'siege',
    leadUnitId: 'finance',
  },
  {
    title: '实施福田区“民意速办”改革',
    category: 'bottom-line',
    leadUnitId: 'dev-reform',
  },
  {
    title: '探索现代调解“福田新模式”',
    category: 'bottom-line',
    leadUnitId: 'futian',
  },
  {
    title: '探索基本公共服务供给新路径',
    category: 'bottom-line',
    leadUnitId: 'housing',
  },
  { title: '开展学区制改革试点', category: 'bottom-line', leadUnitId: 'education' },
];

export const reformId = (n: number) => `${DEMO_YEAR}-R-${String(n).padStart(2, '0')}`;
export const taskId = (n: number) => `${DEMO_YEAR}-T-${String(n).padStart(2, '0')}`;

/**
 * The first batch. The article gives its size and split (30 class A, 12 class B, three
 * battle lines) but no titles: every title here is invented.
 */
export const CLASS_A_TASKS: readonly { title: string; category: Category }[] = [
  ...[
    '引进10家持牌金融机构总部落户福田中心区',
    '开通河套合作区跨境科研数据通道',
    '推动3个国家级创新平台落地河套',
    '拓展福田数字人民币试点应用场景',
    '设立大湾区风投创投服务中心',
    '引进5家消费品牌旗舰店落户福田',
    '建成国际人才服务站网络',
    '建设华强北电子交易数字化平台',
    '壮大跨境法律和会计服务集聚区',
    '完成战略性新兴产业年度投资目标',
  ].map((title) => ({ title, category: 'strategic' as const })),
  ...[
    '完成香蜜湖中心区城市更新土地整备',
    '福田中学改扩建工程按期开工',
    '完成河湾北片区（南华村）改造搬迁协议签约',
    '侨城东路北延通道开工建设',
    '三星工业区城市更新B期签约率达到95%',
    '取得车公庙片区改造升级的拆除审批',
    '供应保障性住房3000套',
    '化解10宗历史遗留土地和产权问题',
    '完成华富危旧片区摸底调查和改造方案',
    '完成西部生态廊道总体规划',
    '新增公共停车位2000个',
    '推动20个停工项目复工建设',
  ].map((title) => ({ title, category: 'siege' as const })),
  ...[
    '消除老旧住宅楼重大安全隐患',
    '汛期排水管网无内涝积水点',
    '福田河流和排放口水质全部稳定达标',
    '完成老旧小区燃气管道改造',
    '建筑工地拖欠工资清零',
    '“民意速办”平台积压件清零',
    '学校食堂食品安全检查全覆盖',
    '完成“三小场所”消防安全整治',
  ].map((title) => ({ title, category: 'bottom-line' as const })),
];

/** Class B tasks: declared bottom-up by the unit named, then accepted by the office. */
export const CLASS_B_TASKS: readonly { title: string; category: Category; unitId: string }[] = [
  {
    unitId: 'futian',
    category: 'strategic',
    title: '在福田中心区开设总部经济服务窗口',
  },
  { unitId: 'lianhua', category: 'strategic', title: '孵化莲花创意产业园' },
  {
    unitId: 'science-tech',
    category: 'strategic',
    title: '在河套为中小企业开放共享实验室',
  },
  {
    unitId: 'huaqiangbei',
    category: 'strategic',
    title: '打造华强北全球电子采购节',
  },
  { unitId: 'meilin', category: 'siege', title: '将梅林旧工业区改造为创新空间' },
  { unitId: 'shatou', category: 'siege', title: '缓解沙头口岸片区交通拥堵' },
  { unitId: 'transport', category: 'siege', title: '建成福田慢行交通网络' },
  { unitId: 'fubao', category: 'siege', title: '提升福保保税区物流通道' },
  {
    unitId: 'yuanling',
    category: 'bottom-line',
    title: '为园岭100栋老旧住宅加装电梯',
  },
  { unitId: 'nanyuan', category: 'bottom-line', title: '在南园开设长者饭堂' },
  { unitId: 'xiangmihu', category: 'bottom-line', title: '修复香蜜湖滨湖生态' },
  {
    unitId: 'huafu',
    category: 'bottom-line',
    title: '在华富建设社区调解室网络',
  },
];

/** Proposals that do not become items: one the office rejects, one left for review. */
export const OTHER_PROPOSALS = {
  rejected: {
    unitId: 'ecology',
    category: 'bottom-line' as Category,
    title: '在深圳河建设人工沙滩',
    reason: '不符合深圳河防洪要求，不具备可行性；请改为绿道方案重新申报。',
  },
  pending: {
    unitId: 'education',
    category: 'bottom-line' as Category,
    title: '将课后服务延伸至每一所小学',
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

const INVENTED = '演示虚构：原文未描述此事项。';

/** The indicator of every demo task's one target (and of its completion results). */
export const DEMO_INDICATOR = '预期成效完成度';

/** Three milestones (30/40/30) ending on the deadline, and one target. */
function taskShape(title: string): Pick<CreateItemInput, 'deadline' | 'milestones' | 'targets'> {
  const { milestones: m, deadline } = DEMO_CALENDAR;
  return {
    deadline,
    milestones: [
      { id: 'm1', title: '方案审定、专班到位', dueDate: m.m1, weight: 30 },
      { id: 'm2', title: '主体工作完成过半', dueDate: m.m2, weight: 40 },
      { id: 'm3', title: `完成：${title}`.slice(0, 200), dueDate: m.m3, weight: 30 },
    ],
    targets: [{ indicator: DEMO_INDICATOR, targetValue: 100, unit: '%' }],
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
    description: '原文所列2022年十项重要改革之一。',
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
    description: `第一批A类（自上而下交办）任务。${INVENTED}`,
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
    description: `B类（自下而上申报）任务，由单位申报。${INVENTED}`,
    ...taskShape(t.title),
  };
}
