import { useTranslation } from 'react-i18next';
import type { MatrixPoint } from '../../../shared/scanning/scoring';
import { fmt } from './parts';

/**
 * Impact × feasibility as an SVG scatter, drawn like the one in the candidate list document. The points are
 * also listed in a table beside it (the chart itself is one labelled image for screen readers).
 */
export function MatrixChart({ points }: { points: MatrixPoint[] }) {
  const { t } = useTranslation();
  const left = 60;
  const top = 20;
  const size = 320;
  const x = (f: number) => left + f * size;
  const y = (i: number) => top + (1 - i) * size;
  const label = t('scanning.results.matrixAlt', {
    points: points.map((p) => `${p.reference} ${fmt(p.impact * 4 + 1, 1)} / ${fmt(p.feasibility * 4 + 1, 1)}`).join(', ') || '–',
  });
  return (
    <svg viewBox="0 0 480 400" width="480" height="400" role="img" aria-label={label} style={{ maxWidth: '100%' }}>
      <rect x={left} y={top} width={size} height={size} fill="#f7f7f8" stroke="#5f686d" />
      <line x1={x(0.5)} y1={top} x2={x(0.5)} y2={top + size} stroke="#a5acb0" strokeDasharray="4 4" />
      <line x1={left} y1={y(0.5)} x2={left + size} y2={y(0.5)} stroke="#a5acb0" strokeDasharray="4 4" />
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <text x={x(v)} y={top + size + 16} fontSize="11" textAnchor="middle" fill="#29303b">
            {1 + v * 4}
          </text>
          <text x={left - 8} y={y(v) + 4} fontSize="11" textAnchor="end" fill="#29303b">
            {1 + v * 4}
          </text>
        </g>
      ))}
      <text x={x(0.5)} y={top + size + 36} fontSize="13" textAnchor="middle" fill="#29303b">
        {t('scanning.results.feasibility')}
      </text>
      <text x={16} y={y(0.5)} fontSize="13" textAnchor="middle" fill="#29303b" transform={`rotate(-90 16 ${y(0.5)})`}>
        {t('scanning.results.impact')}
      </text>
      {points.map((p) => (
        <g key={p.candidateId}>
          <circle cx={x(p.feasibility)} cy={y(p.impact)} r={6} fill="#003479" stroke="#ffffff" strokeWidth={1.5} />
          <text x={x(p.feasibility) + 9} y={y(p.impact) + 4} fontSize="11" fill="#29303b">
            {p.reference}
          </text>
        </g>
      ))}
    </svg>
  );
}
