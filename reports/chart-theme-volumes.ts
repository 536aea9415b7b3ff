/**
 * Comments per theme as horizontal stacked bars: negative or mixed in dark orange, the rest in
 * blue, so that both the volume and its tone read at a glance.
 */
import { renderSvgChart } from './svg-chart.js';

/** A bar. */
export interface VolumeBar {
  label: string;
  comments: number;
  negative: number;
}

const NEGATIVE_COLOUR = '#b35900';
const OTHER_COLOUR = '#5b8db8';

/** The bar chart as `<svg>` markup; height grows with the number of themes. */
export function renderThemeVolumesChart(bars: readonly VolumeBar[], width = 760): string {
  const shown = bars.filter((b) => b.comments > 0);
  // Largest at the top: ECharts draws the first category at the bottom.
  const ordered = [...shown].sort((a, b) => a.comments - b.comments);
  const height = Math.max(160, 26 * ordered.length + 70);
  // Room for the longest label (about 7 px a character at 12 px): ECharts does not measure it for us.
  const labelWidth = Math.min(320, 16 + 7 * Math.max(0, ...ordered.map((b) => Array.from(b.label).length)));
  return renderSvgChart(
    {
      grid: { left: labelWidth, right: 40, top: 36, bottom: 30 },
      legend: { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#e3e9ef' } } },
      yAxis: {
        type: 'category',
        data: ordered.map((b) => b.label),
        axisLabel: { fontSize: 12, color: '#1a1a1a' },
        axisTick: { show: false },
      },
      series: [
        {
          name: 'Négatifs ou mitigés',
          type: 'bar',
          stack: 'total',
          barWidth: 16,
          itemStyle: { color: NEGATIVE_COLOUR },
          data: ordered.map((b) => b.negative),
        },
        {
          name: 'Autres (positifs, neutres)',
          type: 'bar',
          stack: 'total',
          barWidth: 16,
          itemStyle: { color: OTHER_COLOUR },
          data: ordered.map((b) => b.comments - b.negative),
        },
      ],
    },
    width,
    height,
  );
}
