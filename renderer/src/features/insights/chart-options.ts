import type { CarrierFigures, DayPoint } from '#shared/logic/insights/index';
import type { EChartsOption } from './echarts';
import { isoDay } from './format';

const INK = '#0b0b0b';
/** The bundled fonts, as the UI uses them: a bench PC may have no CJK or Arabic font. */
export const CHART_FONT_FAMILY = "'Noto Sans', 'Noto Sans SC', 'Noto Sans Arabic', sans-serif";
const FONT = { fontSize: 16, color: INK, fontFamily: CHART_FONT_FAMILY };

/** Daily bars of orders packed, with mis-scan and late-dispatch rates as lines. */
export function dailyOption(
  days: readonly DayPoint[],
  labels: { packed: string; misScanRate: string; lateRate: string },
  animate = true,
): EChartsOption {
  const rate = (n: number, d: number) => (d === 0 ? null : Number(((n / d) * 100).toFixed(2)));
  return {
    animation: animate,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: FONT },
    grid: { left: 60, right: 60, top: 64, bottom: 56 },
    xAxis: { type: 'category', data: days.map((d) => isoDay(d.day).slice(5)), axisLabel: FONT },
    yAxis: [
      { type: 'value', name: labels.packed, axisLabel: FONT },
      { type: 'value', name: '%', axisLabel: FONT, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.packed,
        data: days.map((d) => d.ordersPacked),
        itemStyle: { color: '#2f5fd0' },
        large: true,
      },
      {
        type: 'line',
        name: labels.misScanRate,
        yAxisIndex: 1,
        data: days.map((d) => rate(d.misScans, d.scans)),
        itemStyle: { color: '#c40000' },
        lineStyle: { width: 3 },
      },
      {
        type: 'line',
        name: labels.lateRate,
        yAxisIndex: 1,
        data: days.map((d) => rate(d.lateDispatch, d.shipped)),
        itemStyle: { color: '#a55a00' },
        lineStyle: { width: 3, type: 'dashed' },
      },
    ],
  };
}

/** On-time rate per carrier (bars) and transit p50 in hours (line). */
export function carriersOption(
  rows: readonly CarrierFigures[],
  labels: { onTime: string; transit: string },
  animate = true,
): EChartsOption {
  return {
    animation: animate,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: FONT },
    grid: { left: 60, right: 60, top: 64, bottom: 56 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.carrier),
      // Every carrier named, slanted when there are many.
      axisLabel: { ...FONT, interval: 0, rotate: rows.length > 5 ? 25 : 0 },
    },
    yAxis: [
      { type: 'value', name: '%', max: 100, axisLabel: FONT },
      { type: 'value', name: 'h', axisLabel: FONT, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.onTime,
        data: rows.map((r) =>
          r.onTime.value === null ? null : Number((r.onTime.value * 100).toFixed(1)),
        ),
        itemStyle: { color: '#0a7a2f' },
      },
      {
        type: 'line',
        name: labels.transit,
        yAxisIndex: 1,
        data: rows.map((r) => r.transitP50Hours),
        itemStyle: { color: INK },
        lineStyle: { width: 3 },
      },
    ],
  };
}
