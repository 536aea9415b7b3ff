/**
 * Server-side ECharts rendering to an inline SVG string: the report stays one self-contained
 * file with no script, and the charts print as crisply as the text.
 */
import * as echarts from 'echarts';

/** Font stack of the report, so that chart labels match the text around them. */
export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Renders `option` (animation off) at `width` × `height` pixels and returns the `<svg>` markup. */
export function renderSvgChart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  // A fresh instance per chart: nothing is shared between reports.
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
