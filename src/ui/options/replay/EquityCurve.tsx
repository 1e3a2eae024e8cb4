import type { ReplayResultView } from '../../../messaging/replay';
import { PALETTE } from '../../theme';
import { costsWords, curveVM } from './replay-view';

/**
 * Both equity curves (as traded, with the rules) drawn as plain SVG. No chart library: two
 * polylines, a zero line and a few labels are ~60 lines here, while even the small libraries
 * (uPlot, Chart.js) add tens to hundreds of kB to the options bundle and draw on a canvas, which
 * neither the tests nor a screen reader can read. SVG stays in the DOM and needs nothing from
 * the extension's CSP: the e2e test reads the curves, and screen readers get the label.
 */
const SERIES = [
  { key: 'actual', colour: PALETTE.muted, width: 2 },
  { key: 'replayed', colour: PALETTE.cool, width: 2.5 },
] as const;

export function EquityCurve({ result }: { result: ReplayResultView }) {
  const vm = curveVM(result);
  const { plot } = vm;
  return (
    <figure style={{ margin: '8px 0' }}>
      <svg
        width={vm.width}
        height={vm.height}
        viewBox={`0 0 ${vm.width} ${vm.height}`}
        role="img"
        aria-label={vm.label}
        data-testid="replay-curve"
        style={{ maxWidth: '100%', height: 'auto', background: '#11141a', borderRadius: '4px' }}
      >
        <title>{vm.label}</title>
        {vm.ticks.map((t) => (
          <g key={t.label}>
            <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} stroke={PALETTE.border} stroke-width={1} />
            <text x={plot.left - 6} y={t.y + 4} fill={PALETTE.textDim} font-size="11" text-anchor="end">
              {t.label}
            </text>
          </g>
        ))}
        <line
          x1={plot.left}
          x2={plot.right}
          y1={vm.zeroY}
          y2={vm.zeroY}
          stroke={PALETTE.muted}
          stroke-dasharray="3 3"
        />
        {SERIES.map((s) => (
          <polyline
            key={s.key}
            points={vm[s.key]}
            fill="none"
            stroke={s.colour}
            stroke-width={s.width}
            data-series={s.key}
            stroke-linejoin="round"
          />
        ))}
        <text x={plot.left} y={vm.height - 8} fill={PALETTE.textDim} font-size="11">
          {vm.firstDay}
        </text>
        <text x={plot.right} y={vm.height - 8} fill={PALETTE.textDim} font-size="11" text-anchor="end">
          {vm.lastDay}
        </text>
      </svg>
      <figcaption class="rg-dim" style={{ display: 'flex', gap: '16px', fontSize: '12px' }}>
        <span>
          <span style={{ color: PALETTE.muted }}>━━</span> as traded
        </span>
        <span>
          <span style={{ color: PALETTE.cool }}>━━</span> with these rules
        </span>
        <span>cumulative P&amp;L {costsWords(result.costs)}, at each trading day's end</span>
      </figcaption>
    </figure>
  );
}
