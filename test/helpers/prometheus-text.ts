/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: it throws on anything
 * a Prometheus server would refuse, and on what the format allows but a well-behaved exporter never
 * does (a family split in two, a series given twice, a histogram whose buckets go down or whose +Inf
 * bucket is not its count). It returns every family with its samples, label values unescaped.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help?: string;
  type: MetricType;
  samples: Sample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export class ExpositionError extends Error {}

const fail = (line: number, message: string): never => {
  throw new ExpositionError(`line ${line}: ${message}`);
};

/** HELP text: only `\\` and `\n` are escapes. */
function unescapeHelp(text: string, line: number): string {
  return text.replace(/\\(.?)/g, (_m, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    return fail(line, `HELP has an invalid escape "\\${c}"`);
  });
}

/**
 * A float as Prometheus reads it (Go's strconv.ParseFloat): decimal or exponent notation, and NaN, Inf
 * and Infinity in any case, signed or not (prom-client writes an empty summary's NaN as "Nan").
 */
function parseValue(text: string, line: number): number {
  if (/^nan$/i.test(text)) return Number.NaN;
  const infinity = /^([-+]?)inf(inity)?$/i.exec(text);
  if (infinity) return infinity[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail(line, `"${text}" is not a sample value`);
  return Number(text);
}

/** Reads `{a="x",b="y"}` from `text` at `start`; returns the labels and where it ended. */
function parseLabels(text: string, start: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  if (text[i] === '}') return { labels, end: i + 1 };
  for (;;) {
    const nameEnd = text.indexOf('=', i);
    if (nameEnd < 0) fail(line, 'a label has no "="');
    const name = text.slice(i, nameEnd);
    if (!labelName.test(name)) fail(line, `"${name}" is not a label name`);
    if (name in labels) fail(line, `label ${name} is given twice`);
    if (text[nameEnd + 1] !== '"') fail(line, `label ${name}'s value is not quoted`);
    let value = '';
    let j = nameEnd + 2;
    for (;;) {
      if (j >= text.length) fail(line, `label ${name}'s value is not closed`);
      const c = text[j];
      if (c === '"') break;
      if (c === '\n') fail(line, `label ${name}'s value holds a raw newline`);
      if (c === '\\') {
        const next = text[j + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else fail(line, `label ${name}'s value has an invalid escape "\\${next ?? ''}"`);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    labels[name] = value;
    i = j + 1;
    if (text[i] === '}') return { labels, end: i + 1 };
    if (text[i] !== ',') fail(line, `expected "," or "}" after label ${name}`);
    i++;
  }
}

/** The family a sample belongs to: histogram and summary samples carry a suffix. */
function familyOf(sampleName: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(sampleName);
  if (direct && direct.type !== 'histogram') return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const f = families.get(sampleName.slice(0, -suffix.length));
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return f;
  }
  return direct;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  const seenSeries = new Set<string>();
  const typed = new Set<string>();
  let current: Family | undefined;
  if (text.length > 0 && !text.endsWith('\n')) fail(text.split('\n').length, 'the text does not end with a newline');
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((raw, index) => {
    const n = index + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) return; // a comment
      const [, keyword, name, rest] = m;
      if (!metricName.test(name)) fail(n, `"${name}" is not a metric name`);
      if (finished.has(name)) fail(n, `family ${name} is described again after its samples`);
      let family = families.get(name);
      if (family && family !== current) fail(n, `family ${name} is split in two`);
      if (!family) {
        family = { name, type: 'untyped', samples: [] };
        families.set(name, family);
        if (current && current !== family) finished.add(current.name);
        current = family;
      }
      if (keyword === 'HELP') {
        if (family.help !== undefined) fail(n, `HELP of ${name} is given twice`);
        family.help = unescapeHelp(rest, n);
      } else {
        if (!types.has(rest as MetricType)) fail(n, `"${rest}" is not a metric type`);
        if (typed.has(name)) fail(n, `TYPE of ${name} is given twice`);
        typed.add(name);
        if (family.samples.length) fail(n, `TYPE of ${name} comes after its samples`);
        family.type = rest as MetricType;
      }
      return;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
    if (!nameMatch) fail(n, `"${raw}" is neither a comment nor a sample`);
    const name = nameMatch![0];
    let pos = name.length;
    let labels: Record<string, string> = {};
    if (raw[pos] === '{') ({ labels, end: pos } = parseLabels(raw, pos, n));
    if (raw[pos] !== ' ') fail(n, 'a single space must separate the series from its value');
    const fields = raw.slice(pos + 1).split(' ');
    if (fields.length > 2 || fields.some((f) => f === '')) fail(n, 'a sample is a value and at most a timestamp');
    const value = parseValue(fields[0], n);
    if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) fail(n, `"${fields[1]}" is not a timestamp`);
    let family = familyOf(name, families);
    if (!family) {
      family = { name, type: 'untyped', samples: [] };
      families.set(name, family);
    }
    if (finished.has(family.name)) fail(n, `family ${family.name} is split in two`);
    if (current && current !== family) finished.add(current.name);
    current = family;
    if (family.type === 'histogram' && name === family.name) fail(n, `histogram ${name} has a sample without suffix`);
    if (family.type === 'counter' && !(value >= 0)) fail(n, `counter ${name} is ${value}`);
    const key = JSON.stringify([name, Object.entries(labels).sort()]);
    if (seenSeries.has(key)) fail(n, `series ${name}${JSON.stringify(labels)} is given twice`);
    seenSeries.add(key);
    family.samples.push({ name, labels, value });
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** Per label set: `le` buckets ascending with counts that never go down, a +Inf bucket equal to _count, a _sum. */
function checkHistogram(family: Family) {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name === `${family.name}_bucket`) {
      if (le === undefined) throw new ExpositionError(`${family.name}: a bucket without le`);
      entry.buckets.push([parseValue(le, 0), s.value]);
    } else if (s.name === `${family.name}_count`) entry.count = s.value;
    else entry.sum = s.value;
  }
  for (const [key, { buckets, count, sum }] of series) {
    const where = `${family.name}${key}`;
    if (count === undefined || sum === undefined) throw new ExpositionError(`${where}: _count or _sum is missing`);
    if (!buckets.length || buckets.at(-1)![0] !== Number.POSITIVE_INFINITY)
      throw new ExpositionError(`${where}: the last bucket is not le="+Inf"`);
    for (let i = 1; i < buckets.length; i++) {
      if (!(buckets[i][0] > buckets[i - 1][0])) throw new ExpositionError(`${where}: bucket bounds not ascending`);
      if (buckets[i][1] < buckets[i - 1][1]) throw new ExpositionError(`${where}: bucket counts go down`);
    }
    if (buckets.at(-1)![1] !== count)
      throw new ExpositionError(`${where}: +Inf bucket ${buckets.at(-1)![1]} ≠ count ${count}`);
  }
}

/** The value of one series, or undefined when absent. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}) {
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
