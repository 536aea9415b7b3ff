/**
 * The priority matrix as an SVG scatter: frequency (share of comments) across, share negative
 * up, quadrant lines at the median thresholds and the quadrant names in the corners. The table
 * beside it in the report carries the same figures for readers who do not read charts.
 */
import { QUADRANT_LABELS } from './priority-matrix.js';
import { renderSvgChart } from './svg-chart.js';

/** A point of the matrix, drawn as its number (the table beside the chart names it). */
export interface MatrixPoint {
  /** Shown inside the marker; theme names would overlap when themes have close figures. */
  number: number;
  label: string;
  frequency: number;
  negativeShare: number;
  relational: boolean;
}

/** Colours: relational themes stand out (dark blue) from the others (grey-blue). */
const RELATIONAL_COLOUR = '#0b3d6b';
const OTHER_COLOUR = '#5a6f85';
const CORNER_COLOUR = '#3d4a57';
/** Light tints: the priority quadrant warm, the strengths cool, the rest nearly white. */
const QUADRANT_TINTS = Object.freeze({ priority: '#fbe9dc', weak: '#fdf5ee', strong: '#e8f1f8', good: '#f3f7fa' });

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
    [left ? 'left' : 'right']: left ? 76 : 34,
    [top ? 'top' : 'bottom']: 6,
    style: { text, fill: CORNER_COLOUR, font: '600 13px system-ui, sans-serif' },
  });
  const { frequency: fx, negative: ny } = thresholds;
  const area = (x0: number, y0: number, x1: number, y1: number, color: string) => [
    { xAxis: x0, yAxis: y0, itemStyle: { color } },
    { xAxis: x1, yAxis: y1 },
  ];
  return renderSvgChart(
    {
      grid: { left: 70, right: 30, top: 30, bottom: 64 },
      xAxis: {
        type: 'value',
        min: 0,
        max: xMax,
        name: 'Fréquence : part des commentaires qui citent le thème',
        nameLocation: 'middle',
        nameGap: 28,
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
          symbolSize: 22,
          data: points.map((p) => ({
            value: [p.frequency, p.negativeShare],
            name: String(p.number),
            itemStyle: { color: p.relational ? RELATIONAL_COLOUR : OTHER_COLOUR, borderColor: '#fff', borderWidth: 1 },
          })),
          label: {
            show: true,
            position: 'inside',
            formatter: (params: { name: string }) => params.name,
            fontSize: 11,
            fontWeight: 'bold',
            color: '#fff',
          },
          markArea: {
            silent: true,
            data: [
              area(fx, ny, xMax, 1, QUADRANT_TINTS.priority),
              area(0, ny, fx, 1, QUADRANT_TINTS.weak),
              area(fx, 0, xMax, ny, QUADRANT_TINTS.strong),
              area(0, 0, fx, ny, QUADRANT_TINTS.good),
            ],
          },
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
