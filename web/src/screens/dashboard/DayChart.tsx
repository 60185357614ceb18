import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One percentage per day as a uPlot line chart, sized to its container (so it fits a 390 px handheld
 * as well as a laptop) and redrawn when the container's width changes. Days without a figure (no PO
 * due, no units) are gaps, not zeros. uPlot loads with this screen only (routes.tsx lazy-loads it).
 */
export function DayChart({
  title,
  days,
  values,
  color,
}: {
  title: string;
  days: string[];
  values: (number | null)[];
  color: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((d) => new Date(`${d}T12:00:00+05:30`).getTime() / 1000);
    const ys = values.map((v) => (v === null ? null : Math.round(v * 1000) / 10));
    const width = () => Math.max(240, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 200,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Kolkata'),
        scales: { y: { range: [0, 100] } },
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${t}%`), size: 48 }],
        series: [{}, { label: title, stroke: color, width: 2, points: { show: true, size: 6 }, spanGaps: false }],
      },
      [xs, ys],
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 200 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [days, values, title, color]);
  return (
    <figure className="day-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}, per PO day`} data-testid="day-chart" />
    </figure>
  );
}
