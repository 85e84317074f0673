import { useTranslation } from 'react-i18next';
import { chartGeometry } from '../../../shared/portfolio/chart';
import type { IndicatorDetail } from '../../../shared/domain/portfolio';

/** A small chart of an indicator's values per period against its target (same geometry as the report). */
export function IndicatorChart({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  if (indicator.values.length === 0) return null;
  const g = chartGeometry({ values: indicator.values, target: indicator.targetValue });
  const label = t('portfolio.indicator.chartAlt', {
    name: indicator.name,
    values: indicator.values.map((v) => `${v.period}: ${v.value}`).join(', '),
    target: indicator.targetValue ?? '—',
  });
  const first = g.points[0];
  const last = g.points.at(-1);
  return (
    <svg
      role="img"
      aria-label={label}
      width={g.width}
      height={g.height}
      viewBox={`0 0 ${g.width} ${g.height}`}
      className="indicator-chart"
      data-points={g.points.length}
    >
      <line x1={g.left} y1={g.bottom} x2={g.right} y2={g.bottom} stroke="#5f5f5f" />
      <line x1={g.left} y1={g.top} x2={g.left} y2={g.bottom} stroke="#5f5f5f" />
      <text x={g.left - 4} y={g.bottom} fontSize="10" textAnchor="end" fill="#3d3d3d">
        {Math.round(g.min * 10) / 10}
      </text>
      <text x={g.left - 4} y={g.top + 8} fontSize="10" textAnchor="end" fill="#3d3d3d">
        {Math.round(g.max * 10) / 10}
      </text>
      {g.targetY !== null && (
        <>
          <line x1={g.left} y1={g.targetY} x2={g.right} y2={g.targetY} stroke="#b34700" strokeWidth={1.5} strokeDasharray="5 3" />
          <text x={g.right} y={g.targetY - 3} fontSize="10" textAnchor="end" fill="#b34700">
            {t('portfolio.indicator.target')}
          </text>
        </>
      )}
      {g.points.length > 1 && (
        <polyline points={g.points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#2a6ebb" strokeWidth={2} />
      )}
      {g.points.map((p) => (
        <circle key={p.period} cx={p.x} cy={p.y} r={3} fill="#2a6ebb" />
      ))}
      {first && (
        <text x={first.x} y={g.height - 10} fontSize="10" textAnchor="start" fill="#3d3d3d">
          {first.period}
        </text>
      )}
      {last && last !== first && (
        <text x={last.x} y={g.height - 10} fontSize="10" textAnchor="end" fill="#3d3d3d">
          {last.period}
        </text>
      )}
    </svg>
  );
}
