import { TONE_COLOUR } from '../theme';
import type { SparklineVM } from '../view-models/account-view';

export function Sparkline({ vm }: { vm: SparklineVM }) {
  return (
    <svg
      width={vm.width}
      height={vm.height}
      viewBox={`0 0 ${vm.width} ${vm.height}`}
      role="img"
      aria-label={vm.label}
      class="rg-sparkline"
    >
      {vm.zeroY !== null && (
        <line x1={0} x2={vm.width} y1={vm.zeroY} y2={vm.zeroY} stroke="#555" stroke-dasharray="2 2" />
      )}
      <polyline points={vm.points} fill="none" stroke={TONE_COLOUR[vm.tone]} stroke-width={1.5} />
    </svg>
  );
}
