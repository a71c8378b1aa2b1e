import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CHART_FONT_FAMILY } from './chart-options';
import { echarts, type EChartsOption } from './echarts';

/**
 * One ECharts chart. Canvas on screen (fast with many points), SVG in print (sharp on paper).
 * A click on a bar or point reports its data index; "Save chart" exports a PNG.
 */
export function Chart(props: {
  option: EChartsOption;
  height: number;
  testId: string;
  renderer?: 'canvas' | 'svg';
  onPick?: (dataIndex: number, seriesIndex: number) => void;
  exportName?: string;
  onRendered?: () => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const pick = useRef(props.onPick);
  const rendered = useRef(props.onRendered);
  pick.current = props.onPick;
  rendered.current = props.onRendered;
  const renderer = props.renderer ?? 'canvas';

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, null, { renderer });
    chart.current = c;
    c.on('click', (p) => {
      const e = p as { dataIndex?: number; seriesIndex?: number };
      if (typeof e.dataIndex === 'number') pick.current?.(e.dataIndex, e.seriesIndex ?? 0);
    });
    c.on('finished', () => rendered.current?.());
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    // A canvas does not wait for web fonts: load the faces its text needs (the CJK font is split
    // by unicode range), then draw, or Chinese labels come out as empty boxes.
    let cancelled = false;
    const text = JSON.stringify(props.option);
    void Promise.all(
      ['400', '700'].map((w) =>
        document.fonts.load(`${w} 16px ${CHART_FONT_FAMILY}`, text).catch(() => []),
      ),
    ).then(() => {
      if (!cancelled) chart.current?.setOption(props.option, { notMerge: true });
    });
    return () => {
      cancelled = true;
    };
  }, [props.option]);

  function savePng() {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${props.exportName ?? props.testId}.png`;
    a.click();
  }

  return (
    <div className="insights-chart">
      <div ref={box} style={{ height: props.height }} data-testid={props.testId} />
      {props.exportName ? (
        <button type="button" className="big-button insights-png" onClick={savePng}>
          {t('insights.savePng')}
        </button>
      ) : null}
    </div>
  );
}
