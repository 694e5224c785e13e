import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from './csv';

let loading: Promise<typeof import('./echarts-setup')> | null = null;
/** ECharts arrives with the first chart, not with the page. */
function loadEcharts() {
  loading ??= import('./echarts-setup');
  return loading;
}

/**
 * Tooltips drawn on the canvas (richText), not as HTML: ECharts' HTML tooltips carry inline style
 * attributes, which the app's strict CSP refuses.
 */
export function withCspSafeTooltip(option: EChartsCoreOption): EChartsCoreOption {
  const tooltip = option.tooltip as Record<string, unknown> | undefined;
  return tooltip ? { ...option, tooltip: { ...tooltip, renderMode: 'richText' } } : option;
}

export interface PickedPoint {
  seriesIndex: number;
  dataIndex: number;
  /** heatmap cells: [x, y, value] */
  value?: unknown;
}

/**
 * One chart: a titled figure with "save as PNG". Clicking a point calls `onPick` (the drill-down).
 * The figure has an accessible name; the numbers are also in the page's tables.
 */
export function Chart({
  title,
  option,
  onPick,
  fileName,
  tall,
}: {
  title: string;
  option: EChartsCoreOption;
  onPick?: (p: PickedPoint) => void;
  fileName: string;
  tall?: boolean;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef({ option, onPick });
  useEffect(() => {
    latest.current = { option, onPick };
  });
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let gone = false;
    let ro: ResizeObserver | undefined;
    void loadEcharts().then(({ echarts }) => {
      if (gone || !el.current) return;
      const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(withCspSafeTooltip(latest.current.option));
      c.on('click', (p) => latest.current.onPick?.(p as unknown as PickedPoint));
      if (typeof ResizeObserver !== 'undefined') {
        ro = new ResizeObserver(() => c.resize());
        ro.observe(el.current);
      }
      setReady(true);
    });
    return () => {
      gone = true;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(withCspSafeTooltip(option), { notMerge: true });
  }, [option]);

  const savePng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (url) download(`${fileName}.png`, url);
  };

  return (
    <figure className="report-figure">
      <figcaption>
        <h3>{title}</h3>
        <button type="button" className="btn btn-small" onClick={savePng} disabled={!ready}>
          {t('reports.savePng')}
        </button>
      </figcaption>
      <div
        ref={el}
        className={tall ? 'report-chart report-chart-tall' : 'report-chart'}
        role="img"
        aria-label={title}
        data-ready={ready ? 'true' : undefined}
      />
    </figure>
  );
}
