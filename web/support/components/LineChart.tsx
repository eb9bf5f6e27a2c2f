/**
 * A line chart of one figure per day or week, after the admin's trend chart: plain SVG, hover or
 * focus shows the value; gaps (no data that day) break the line instead of drawing a false zero.
 */
import { useMemo, useState } from 'react';

export interface Point { label: string; value: number | null }

const W = 640, H = 200, PAD = { l: 52, r: 12, t: 12, b: 28 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= v) return m * mag;
  return 10 * mag;
}

export function LineChart({ points, format, title, max: fixedMax }: { points: Point[]; format(v: number): string; title: string; max?: number }) {
  const [hover, setHover] = useState<number | null>(null);
  const { max, x, y } = useMemo(() => {
    const max = fixedMax ?? niceMax(Math.max(0, ...points.map((p) => p.value ?? 0)));
    const n = Math.max(points.length - 1, 1);
    return { max, x: (i: number) => PAD.l + (i / n) * (W - PAD.l - PAD.r), y: (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b) };
  }, [points, fixedMax]);
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value == null) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    pen = true;
  });
  const every = Math.max(1, Math.ceil(points.length / 7));
  const h = hover !== null ? points[hover] : null;
  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="sc-chart__title">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} onMouseLeave={() => setHover(null)}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(f * max)} y2={y(f * max)} className="chart__grid" />
            <text x={PAD.l - 6} y={y(f * max) + 4} textAnchor="end" className="chart__tick">{format(f * max)}</text>
          </g>
        ))}
        {points.map((p, i) => i % every === 0 && <text key={p.label} x={x(i)} y={H - 8} textAnchor="middle" className="chart__tick">{p.label.slice(5)}</text>)}
        <path d={d} className="chart__line" fill="none" />
        {points.map((p, i) => p.value != null && <circle key={i} cx={x(i)} cy={y(p.value)} r={points.length > 40 ? 1.5 : 3} className="chart__dot" />)}
        {points.map((_, i) => (
          <rect key={i} x={x(i) - (W - PAD.l - PAD.r) / Math.max(points.length, 1) / 2} y={PAD.t} width={(W - PAD.l - PAD.r) / Math.max(points.length, 1)} height={H - PAD.t - PAD.b}
            fill="transparent" onMouseEnter={() => setHover(i)} />
        ))}
      </svg>
      <p className="chart__legend">{h ? <span className="chart__readout">{h.label}: <strong>{h.value == null ? 'no data' : format(h.value)}</strong></span> : <span className="sc-muted">Hover a day to read it</span>}</p>
    </figure>
  );
}
