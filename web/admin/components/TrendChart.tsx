/**
 * A line chart of one figure over the range, with the previous period dashed behind it. Plain SVG
 * (no chart library: a few kilobytes instead of a few hundred); hover or focus shows the values.
 */
import { useMemo, useState } from 'react';

export interface TrendPoint { label: string; previousLabel: string; value: number; previous: number }

const W = 760, H = 260, PAD = { l: 64, r: 16, t: 16, b: 32 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= v) return m * mag;
  return 10 * mag;
}

export function TrendChart({ points, format, title }: { points: TrendPoint[]; format(v: number): string; title: string }) {
  const [hover, setHover] = useState<number | null>(null);
  const { max, x, y } = useMemo(() => {
    const max = niceMax(Math.max(0, ...points.map((p) => Math.max(p.value, p.previous))));
    const n = Math.max(points.length - 1, 1);
    return {
      max,
      x: (i: number) => PAD.l + (i / n) * (W - PAD.l - PAD.r),
      y: (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b),
    };
  }, [points]);
  const path = (get: (p: TrendPoint) => number) => points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(get(p)).toFixed(1)}`).join(' ');
  const area = points.length ? `${path((p) => p.value)} L${x(points.length - 1)},${y(0)} L${x(0)},${y(0)} Z` : '';
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const every = Math.max(1, Math.ceil(points.length / 8));
  const h = hover !== null ? points[hover] : null;
  return (
    <figure className="chart" aria-label={title}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} onMouseLeave={() => setHover(null)}>
        <defs>
          <linearGradient id="chart-fill" x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="var(--ui-accent)" stopOpacity="0.18" />
            <stop offset="100%" stopColor="var(--ui-accent)" stopOpacity="0" />
          </linearGradient>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} className="chart__grid" />
            <text x={PAD.l - 8} y={y(t) + 4} textAnchor="end" className="chart__tick">{format(t)}</text>
          </g>
        ))}
        {points.map((p, i) => (i % every === 0 || (i === points.length - 1 && i % every >= every / 2)) && (
          <text key={p.label} x={x(i)} y={H - 10} textAnchor="middle" className="chart__tick">{p.label.slice(5)}</text>
        ))}
        {points.length > 0 && <>
          <path d={path((p) => p.previous)} className="chart__prev" />
          <path d={area} fill="url(#chart-fill)" />
          <path d={path((p) => p.value)} className="chart__line" />
        </>}
        {points.map((p, i) => (
          <rect key={i} x={x(i) - (W - PAD.l - PAD.r) / Math.max(points.length, 1) / 2} y={PAD.t} width={(W - PAD.l - PAD.r) / Math.max(points.length, 1)} height={H - PAD.t - PAD.b}
            fill="transparent" onMouseEnter={() => setHover(i)} />
        ))}
        {h && hover !== null && <>
          <line x1={x(hover)} x2={x(hover)} y1={PAD.t} y2={H - PAD.b} className="chart__cursor" />
          <circle cx={x(hover)} cy={y(h.value)} r={4} className="chart__dot" />
          <circle cx={x(hover)} cy={y(h.previous)} r={3} className="chart__dot chart__dot--prev" />
        </>}
      </svg>
      <figcaption className="chart__legend">
        <span><i className="chart__key" /> This period</span>
        <span><i className="chart__key chart__key--prev" /> Previous period</span>
        {h && <span className="chart__readout">{h.label}: <strong>{format(h.value)}</strong> · {h.previousLabel}: {format(h.previous)}</span>}
      </figcaption>
    </figure>
  );
}
