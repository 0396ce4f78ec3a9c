// Scrapes an exporter over HTTP and parses the Prometheus text format with an npm parser
// (prom2javascript: labelled histograms included), into samples that are easy to query in assertions.
import { getMetricsFromIterator, type PromData, type PromHistogramData } from 'prom2javascript';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Scrape {
  readonly text: string;
  readonly families: ReadonlyMap<string, { type: string; help: string }>;
  readonly samples: readonly Sample[];
  /** Samples of `name` whose labels include `labels`. */
  find(name: string, labels?: Readonly<Record<string, string>>): Sample[];
  /** The value of the one sample of `name` with `labels`; throws when there is not exactly one. */
  value(name: string, labels?: Readonly<Record<string, string>>): number;
}

export async function parseScrape(text: string): Promise<Scrape> {
  const families = new Map<string, { type: string; help: string }>();
  const samples: Sample[] = [];
  // prom2javascript rejects NaN values (valid in the text format; prom-client writes `Nan` for an
  // empty event-loop histogram at start-up): such samples are taken here and kept out of its input.
  const lines = text.split('\n');
  for (const line of lines) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? NaN$/i.exec(line);
    if (m) samples.push({ name: m[1]!, labels: Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!])), value: Number.NaN });
  }
  const parsed = await getMetricsFromIterator(lines.filter((l) => !/ NaN$/i.test(l))[Symbol.iterator]());
  for (const [name, family] of Object.entries(parsed)) {
    families.set(name, { type: family.type, help: family.help });
    for (const m of family.data) {
      if ('buckets' in m) {
        const h = m as PromHistogramData;
        for (const [le, v] of Object.entries(h.buckets)) samples.push({ name: `${name}_bucket`, labels: { ...h.labels, le }, value: v });
        if (h.sum !== undefined) samples.push({ name: `${name}_sum`, labels: h.labels, value: h.sum });
        samples.push({ name: `${name}_count`, labels: h.labels, value: h.count });
      } else if ('value' in m) samples.push({ name, labels: (m as PromData).labels, value: (m as PromData).value });
    }
  }
  const find = (name: string, labels: Readonly<Record<string, string>> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    text,
    families,
    samples,
    find,
    value(name, labels = {}) {
      const found = find(name, labels);
      if (found.length !== 1) throw new Error(`expected one ${name}${JSON.stringify(labels)}, found ${found.length}`);
      return found[0]!.value;
    },
  };
}

export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(`${url}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parseScrape(await res.text());
}
