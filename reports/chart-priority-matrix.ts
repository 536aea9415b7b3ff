/**
 * The priority matrix as an SVG scatter: frequency (share of comments) across, share negative
 * up, quadrant lines at the median thresholds and the quadrant names in the corners. The table
 * beside it in the report carries the same figures for readers who do not read charts.
 */
import { QUADRANT_LABELS } from './priority-matrix.js';
import { renderSvgChart } from './svg-chart.js';

/** A point of the matrix. */
export interface MatrixPoint {
  label: string;
  frequency: number;
  negativeShare: number;
  relational: boolean;
}

/** Colours: relational themes stand out (dark blue) from the others (grey-blue). */
const RELATIONAL_COLOUR = '#0b3d6b';
const OTHER_COLOUR = '#7a8ea3';
const CORNER_COLOUR = '#5a6775';

/** The matrix as `<svg>` markup, `width` × `height` pixels. */
export function renderPriorityMatrixChart(
  points: readonly MatrixPoint[],
  thresholds: { frequency: number; negative: number },
  size: { width: number; height: number } = { width: 760, height: 480 },
): string {
  const maxFrequency = Math.max(thresholds.frequency * 2, ...points.map((p) => p.frequency), 0.01);
  const xMax = Math.min(1, Math.ceil(maxFrequency * 1.1 * 20) / 20);
  const pct = (v: number) => `${Math.round(v * 100)} %`;
  const corner = (text: string, left: boolean, top: boolean) => ({
    type: 'text',
    [left ? 'left' : 'right']: left ? 80 : 40,
    [top ? 'top' : 'bottom']: top ? 30 : 70,
    style: { text, fill: CORNER_COLOUR, font: `600 13px ${'system-ui, sans-serif'}` },
  });
  return renderSvgChart(
    {
      grid: { left: 70, right: 30, top: 20, bottom: 60 },
      xAxis: {
        type: 'value',
        min: 0,
        max: xMax,
        name: 'Fréquence : part des commentaires qui citent le thème',
        nameLocation: 'middle',
        nameGap: 32,
        axisLabel: { formatter: pct },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: 'Part de commentaires négatifs',
        nameLocation: 'middle',
        nameGap: 48,
        axisLabel: { formatter: pct },
        splitLine: { show: false },
      },
      graphic: [
        corner(QUADRANT_LABELS.signaux_faibles.label, true, true),
        corner(QUADRANT_LABELS.axes_prioritaires.label, false, true),
        corner(QUADRANT_LABELS.bonnes_pratiques.label, true, false),
        corner(QUADRANT_LABELS.points_forts.label, false, false),
      ],
      series: [
        {
          type: 'scatter',
          symbolSize: 11,
          data: points.map((p) => ({
            value: [p.frequency, p.negativeShare],
            name: p.label,
            itemStyle: { color: p.relational ? RELATIONAL_COLOUR : OTHER_COLOUR },
            label: { fontWeight: p.relational ? 'bold' : 'normal' },
          })),
          label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: '#1a1a1a' },
          labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { type: 'dashed', color: '#3d3d3d', width: 1 },
            data: [{ xAxis: thresholds.frequency }, { yAxis: thresholds.negative }],
          },
        },
      ],
    },
    size.width,
    size.height,
  );
}
