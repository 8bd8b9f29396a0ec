import { useEffect, useRef } from 'preact/hooks';
import type { ChartOption } from './charts.ts';

/** One chart; its figures are also in the page as text (the chart is the picture of them). */
export function Chart({ option, label }: { option: ChartOption; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const json = JSON.stringify(option);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let live = true;
    void import('./charts.ts').then((m) => {
      if (live && el.current) dispose = m.mount(el.current, option);
    });
    return () => {
      live = false;
      dispose?.();
    };
  }, [json]);
  return <div class="chart" ref={el} role="img" aria-label={label} />;
}
