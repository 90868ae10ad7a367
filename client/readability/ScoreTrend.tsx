import type { ScoreSample } from '../../shared/schema/readabilityHistory.ts';

interface ScoreTrendProps {
  samples: readonly ScoreSample[];
  today: string;
  current: number;
}

const WIDTH = 240;
const HEIGHT = 48;

/**
 * A small line of the daily scores, today's current score last. It is a
 * picture only (aria-hidden): the sentence under it says the same in words.
 */
export function ScoreTrend({ samples, today, current }: ScoreTrendProps) {
  const points = [...samples.filter((sample) => sample.day < today).map((sample) => sample.score), current];
  if (points.length < 2) return null;
  const clamp = (score: number): number => Math.min(100, Math.max(0, score));
  const step = WIDTH / (points.length - 1);
  const coordinates = points.map((score, i) => `${(i * step).toFixed(1)},${(HEIGHT - (clamp(score) / 100) * HEIGHT).toFixed(1)}`);
  return (
    <svg className="readability__sparkline" viewBox={`-4 -4 ${WIDTH + 8} ${HEIGHT + 8}`} width={WIDTH} height={HEIGHT} aria-hidden="true" focusable="false">
      <line x1="0" x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} className="readability__sparkline-mid" />
      <polyline points={coordinates.join(' ')} className="readability__sparkline-line" />
      {coordinates.map((point, i) => {
        const [x, y] = point.split(',');
        return <circle key={i} cx={x} cy={y} r={i === coordinates.length - 1 ? 4 : 2.5} className="readability__sparkline-dot" />;
      })}
    </svg>
  );
}
