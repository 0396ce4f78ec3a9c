// @ts-check
/**
 * The shape of an SDK extract ("facts"): what one official SDK says about the operations of one service,
 * reduced to what the wire sees. Extractors produce it from SDK sources; the comparison reads it from the
 * committed JSON under `facts/`, so tests never need the SDKs or the network.
 *
 * @typedef {'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'any'} FactType
 * @typedef {{
 *   type?: FactType;
 *   format?: string;
 *   items?: FactSchema;
 *   model?: string;
 *   enum?: Array<string | number>;
 *   additionalProperties?: FactSchema;
 *   documented?: Array<string | number>;
 * }} FactSchema
 *   `model` names an entry of `models`; `type: 'number'` without `format` is a JavaScript `number`
 *   (integer or not); `enum` is a set of values the SDK declares as an enum type; `documented` lists the
 *   values the SDK's field comment names when it has no enum type.
 * @typedef {{ name: string; required: boolean; schema: FactSchema; doc?: string }} FactField
 * @typedef {{ fields: FactField[] }} FactModel
 * @typedef {FactField & { in: 'path' | 'query' | 'header' }} FactParam
 * @typedef {{
 *   method: string;
 *   path: string;
 *   contentType?: string;
 *   params: FactParam[];
 *   body?: { required?: boolean; schema: FactSchema };
 *   response?: { schema: FactSchema; headers: FactField[] };
 *   sdkName: string;
 * }} FactOperation
 *   Keyed by the API name (`x-huawei-api-name`, PascalCase). `response.schema` is the success body;
 *   `body.required` is absent when the SDK does not say (the Go SDK never does).
 * @typedef {{
 *   sdk: string;
 *   service: string;
 *   version: string;
 *   revision?: string;
 *   note?: string;
 * }} FactSource
 * @typedef {{ source: FactSource; operations: Record<string, FactOperation>; models: Record<string, FactModel> }} Facts
 */

/** Path parameters the SDKs fill in from the credentials, never from the request object. */
export const IMPLICIT_PARAMS = new Set(['project_id']);

/**
 * Keeps only the given operations and the models they reach, so the committed extract stays small.
 * @param {Facts} facts
 * @param {Iterable<string>} apiNames
 * @returns {Facts}
 */
export function trimFacts(facts, apiNames) {
  /** @type {Record<string, FactOperation>} */
  const operations = {};
  /** @type {Record<string, FactModel>} */
  const models = {};
  /** @param {FactSchema | undefined} schema */
  const reach = (schema) => {
    if (!schema) return;
    if (schema.model && !models[schema.model]) {
      const model = facts.models[schema.model];
      if (!model) throw new Error(`${facts.source.sdk}: model ${schema.model} is referenced but was not extracted`);
      models[schema.model] = model;
      for (const field of model.fields) reach(field.schema);
    }
    reach(schema.items);
    reach(schema.additionalProperties);
  };
  for (const name of [...apiNames].sort()) {
    const op = facts.operations[name];
    if (!op) continue;
    operations[name] = op;
    for (const p of op.params) reach(p.schema);
    reach(op.body?.schema);
    reach(op.response?.schema);
  }
  return { source: facts.source, operations, models: sortKeys(models) };
}

/**
 * @template T
 * @param {Record<string, T>} record
 * @returns {Record<string, T>}
 */
function sortKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
