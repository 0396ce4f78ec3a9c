// Scrapes an exporter over HTTP and parses the Prometheus text format with a maintained parser
// (parse-prometheus-text-format), into samples that are easy to query in assertions.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

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

export function parseScrape(text: string): Scrape {
  const families = new Map<string, { type: string; help: string }>();
  const samples: Sample[] = [];
  for (const family of parsePrometheusTextFormat(text)) {
    families.set(family.name, { type: family.type, help: family.help });
    for (const m of family.metrics) {
      const labels = m.labels ?? {};
      if (m.buckets) {
        for (const [le, v] of Object.entries(m.buckets)) samples.push({ name: `${family.name}_bucket`, labels: { ...labels, le }, value: Number(v) });
        samples.push({ name: `${family.name}_sum`, labels, value: Number(m.sum) });
        samples.push({ name: `${family.name}_count`, labels, value: Number(m.count) });
      } else if (m.value !== undefined) samples.push({ name: family.name, labels, value: Number(m.value) });
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
