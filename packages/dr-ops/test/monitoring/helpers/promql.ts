// Static checks of PromQL against scraped output, with Prometheus' own grammar
// (@prometheus-io/lezer-promql): an expression must parse, every selector must name a metric the
// exporter exports, every label it matches on must exist on that metric, and every `label="value"`
// must match at least one scraped series.
import { parser } from '@prometheus-io/lezer-promql';
import type { Scrape } from './scrape.js';

export interface SelectorUse {
  readonly metric: string;
  readonly matchers: readonly { label: string; op: string; value: string }[];
}

export function parsePromQl(expr: string): { selectors: SelectorUse[]; groupingLabels: string[]; errors: string[] } {
  const tree = parser.parse(expr);
  const selectors: SelectorUse[] = [];
  const groupingLabels: string[] = [];
  const errors: string[] = [];
  const text = (from: number, to: number) => expr.slice(from, to);
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) errors.push(`parse error at ${ref.from}: ${JSON.stringify(text(ref.from, Math.min(ref.to + 10, expr.length)))}`);
      if (ref.name === 'VectorSelector') {
        const node = ref.node;
        const id = node.getChild('Identifier');
        const matchers = (node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []).map((m) => ({
          label: text(m.getChild('LabelName')!.from, m.getChild('LabelName')!.to),
          op: text(m.getChild('MatchOp')!.from, m.getChild('MatchOp')!.to),
          value: JSON.parse(text(m.getChild('StringLiteral')!.from, m.getChild('StringLiteral')!.to)) as string,
        }));
        selectors.push({ metric: id ? text(id.from, id.to) : '', matchers });
      }
      if (ref.name === 'GroupingLabels') {
        for (const l of ref.node.getChildren('LabelName')) groupingLabels.push(text(l.from, l.to));
      }
    },
  });
  return { selectors, groupingLabels, errors };
}

/** Problems of `expr` against the scrapes (empty = fine). Target labels added by Prometheus are ignored. */
export function checkAgainstScrapes(expr: string, scrapes: readonly Scrape[], ignoreLabels: readonly string[] = ['job', 'instance']): string[] {
  const { selectors, groupingLabels, errors } = parsePromQl(expr);
  const problems = [...errors];
  const samples = scrapes.flatMap((s) => s.samples);
  const labelsOf = new Map<string, Set<string>>();
  for (const s of samples) {
    const set = labelsOf.get(s.name) ?? new Set<string>();
    for (const k of Object.keys(s.labels)) set.add(k);
    labelsOf.set(s.name, set);
  }
  if (selectors.length === 0) problems.push('no metric selector');
  const usedLabels = new Set<string>();
  for (const sel of selectors) {
    const labels = labelsOf.get(sel.metric);
    if (!labels) {
      problems.push(`${sel.metric}: no such metric in the scrapes`);
      continue;
    }
    for (const l of labels) usedLabels.add(l);
    for (const m of sel.matchers) {
      if (ignoreLabels.includes(m.label)) continue;
      if (!labels.has(m.label)) problems.push(`${sel.metric}: has no label ${m.label}`);
      else if (m.op === '=' && !samples.some((s) => s.name === sel.metric && s.labels[m.label] === m.value)) {
        problems.push(`${sel.metric}{${m.label}="${m.value}"} matches no scraped series`);
      } else if (m.op === '=~' && !samples.some((s) => s.name === sel.metric && new RegExp(`^(?:${m.value})$`).test(s.labels[m.label] ?? ''))) {
        problems.push(`${sel.metric}{${m.label}=~"${m.value}"} matches no scraped series`);
      }
    }
  }
  for (const l of groupingLabels) if (l !== 'le' && !usedLabels.has(l)) problems.push(`grouping label ${l} is on none of the selected metrics`);
  return problems;
}
