// `-o text`: tab-separated lines, laid out the way the AWS CLI's text output is, so the habits
// (`cut -f2`, `while read -r id status`, `--query '...[].[a,b]' -o text`) carry over:
// - a scalar is printed as it is;
// - a list of scalars is one line of tab-separated values;
// - a list of lists is one line per inner list;
// - an object prints its scalar members on one line, in key order, then each nested list or object
//   below it, prefixed by the member's name in upper case;
// - a list of objects prints one line per object, with the same columns (the union of their scalar
//   keys, sorted) for every row, so columns line up for `cut`.
// null is printed as `None` (as aws does: an empty field would shift nothing but reads as missing).
// Values never contain a raw tab or newline: they are shown as \t and \n, so one value is one field.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function renderText(value: unknown): string {
  const lines: string[] = [];
  write(value as Json, undefined, undefined, lines);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: Json | undefined): boolean {
  return typeof value !== 'object' || value === null;
}

function scalar(value: Json | undefined): string {
  if (value === null || value === undefined) return 'None';
  return (typeof value === 'object' ? JSON.stringify(value) : String(value)).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function write(value: Json, identifier: string | undefined, columns: readonly string[] | undefined, lines: string[]): void {
  if (Array.isArray(value)) writeList(value, identifier, lines);
  else if (isObject(value)) writeObject(value, identifier, columns, lines);
  else lines.push(scalar(value));
}

function writeList(items: Json[], identifier: string | undefined, lines: string[]): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const columns = [...new Set(items.flatMap((item) => (isObject(item) ? Object.keys(item).filter((k) => isScalar(item[k])) : [])))].sort();
    for (const item of items) write(item, identifier, columns, lines);
    return;
  }
  const scalars = items.filter((item) => isScalar(item));
  const nested = items.filter((item) => !isScalar(item));
  if (scalars.length) {
    if (identifier !== undefined) for (const item of scalars) lines.push(`${identifier.toUpperCase()}\t${scalar(item)}`);
    else lines.push(scalars.map(scalar).join('\t'));
  }
  for (const item of nested) write(item, identifier, undefined, lines);
}

function writeObject(object: { [key: string]: Json }, identifier: string | undefined, columns: readonly string[] | undefined, lines: string[]): void {
  const keys = Object.keys(object).sort();
  const scalarKeys = columns ?? keys.filter((k) => isScalar(object[k]));
  const nestedKeys = keys.filter((k) => !scalarKeys.includes(k) && !isScalar(object[k]));
  if (scalarKeys.length) {
    const cells = scalarKeys.map((k) => (Object.hasOwn(object, k) ? scalar(object[k]) : ''));
    lines.push((identifier !== undefined ? [identifier.toUpperCase(), ...cells] : cells).join('\t'));
  }
  for (const key of nestedKeys) write(object[key] as Json, key, undefined, lines);
}
