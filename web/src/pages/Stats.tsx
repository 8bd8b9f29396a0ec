import { Chart } from '../components/Chart.tsx';
import type { ChartOption } from '../components/charts.ts';
import { Failed, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { useMeta } from '../lib/context.ts';
import { count, money, share, toYi } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';
import { loadStats } from './Projects.tsx';

const STAGES = ['construction', 'preliminary', 'planning'] as const;
const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;
const FONT = '"Noto Sans SC", system-ui, sans-serif';
const text = { fontFamily: FONT };
/** What every chart of the page shares: the font, no animation, ECharts' aria description. */
const base = { textStyle: text, animation: false, aria: { enabled: true } };

/** A ring chart of named counts, labelled with `formatter` (ECharts' `{b}` name, `{c}` value). */
const pie = (formatter: string, data: { name: string; value: number }[]): ChartOption => ({
  ...base,
  tooltip: { trigger: 'item' },
  legend: { bottom: 0, textStyle: text },
  series: [
    { type: 'pie', radius: ['35%', '60%'], label: { formatter, fontFamily: FONT, overflow: 'none' }, data },
  ],
});

/** A bar chart of one value per category, each bar labelled on top. */
const bars = (left: number, categories: string[], values: number[]): ChartOption => ({
  ...base,
  tooltip: { trigger: 'axis' },
  grid: { left, right: 16, top: 16, bottom: 32 },
  xAxis: { type: 'category', data: categories, axisLabel: text },
  yAxis: { type: 'value', axisLabel: text },
  series: [{ type: 'bar', data: values, label: { show: true, position: 'top', fontFamily: FONT } }],
});

function ChartFigure({ title, option }: { title: string; option: ChartOption }) {
  const { t } = useT();
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <Chart label={t('stats.chartLabel', { title })} option={option} />
    </figure>
  );
}

export function Stats() {
  const { t, lang } = useT();
  const { year } = useMeta();
  const stats = useAsync(() => loadStats(year), [year]);
  const list = useAsync(() => loadList(year), [year]);
  if (stats.error) return <Failed error={stats.error} retry={stats.reload} />;
  if (!stats.data) return <Loading />;
  const s = stats.data;
  // The article's "42 tasks, 30 class A and 12 class B" is the first batch of the list.
  const first = list.data?.batches.find((b) => b.batchNo === 1)?.counts ?? {
    total: s.list.classA + s.list.classB,
    classA: s.list.classA,
    classB: s.list.classB,
  };
  const stageCount = STAGES.map((st) => s.projects.byStage[st]?.count ?? 0);
  const projects = stageCount.reduce((a, b) => a + b, 0);
  const stageNames = STAGES.map((st) => t(`stage.${st}`));
  const cards = [
    {
      id: 'projects',
      label: t('stats.projects'),
      value: t('stats.projectsValue', { n: count(projects, lang) }),
    },
    { id: 'investment', label: t('stats.investment'), value: money(s.projects.totalInvestment, lang) },
    { id: 'reforms', label: t('stats.reforms'), value: count(s.byKind.reform ?? 0, lang) },
    {
      id: 'tasks',
      label: t('stats.tasks'),
      value: t('stats.tasksValue', {
        n: count(first.total, lang),
        a: count(first.classA, lang),
        b: count(first.classB, lang),
      }),
    },
    { id: 'bottom-up', label: t('stats.bottomUp'), value: share(s.list.bottomUpShare, lang) },
  ];
  return (
    <section aria-labelledby="st-h">
      <h1 id="st-h">{t('stats.heading', { year })}</h1>
      <p class="muted">{t('stats.intro')}</p>
      <dl class="cards">
        {cards.map((c) => (
          <div key={c.id} class="card" data-figure={c.id}>
            <dt>{c.label}</dt>
            <dd>{c.value}</dd>
          </div>
        ))}
      </dl>
      <div class="stage-figures">
        <h2>{t('stats.byStage')}</h2>
        <ul class="inline">
          {STAGES.map((st, k) => (
            <li key={st} data-stage={st}>
              {stageNames[k]} {count(stageCount[k] ?? 0, lang)} ·{' '}
              {money(s.projects.byStage[st]?.totalInvestment ?? 0, lang)}
            </li>
          ))}
        </ul>
      </div>
      <div class="charts">
        <ChartFigure
          title={t('stats.byStage')}
          option={pie(
            '{b}\n{c}',
            STAGES.map((_, k) => ({ name: stageNames[k]!, value: stageCount[k] ?? 0 })),
          )}
        />
        <ChartFigure
          title={t('stats.byStageInvestment')}
          option={bars(
            60,
            stageNames,
            STAGES.map((st) => toYi(s.projects.byStage[st]?.totalInvestment ?? 0)),
          )}
        />
        <ChartFigure
          title={t('stats.byClass')}
          option={pie('{c}', [
            { name: t('class.A'), value: first.classA },
            { name: t('class.B'), value: first.classB },
          ])}
        />
        <ChartFigure
          title={t('stats.byCategory')}
          option={bars(
            40,
            CATEGORIES.map((c) => t(`category.${c}`)),
            CATEGORIES.map((c) => s.byCategory[c] ?? 0),
          )}
        />
      </div>
    </section>
  );
}
