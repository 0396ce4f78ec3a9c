// @ts-check
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { deref, HTTP_METHODS } from './load-spec.mjs';

// ajv and ajv-formats are CommonJS; their default export arrives wrapped under ESM.
const Ajv = /** @type {typeof AjvModule.default} */ (/** @type {any} */ (AjvModule).default ?? AjvModule);
const addFormats = /** @type {typeof addFormatsModule.default} */ (/** @type {any} */ (addFormatsModule).default ?? addFormatsModule);

/**
 * @typedef {{ where: string; schemaPointer: string; value: unknown }} ExampleCase
 */

/** @param {string} key */
const esc = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Collects every example in the document with the JSON pointer of the schema it must satisfy.
 * Covers media-type `example`/`examples` (request bodies, responses, shared responses) and parameter
 * examples; schema-level examples are covered by the schema validator in the linter.
 * @param {import('./load-spec.mjs').OpenApiDocument} doc
 * @returns {ExampleCase[]}
 */
export function collectExamples(doc) {
  /** @type {ExampleCase[]} */
  const cases = [];

  /** @param {any} content @param {string} pointer @param {string} where */
  const fromContent = (content, pointer, where) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      if (!media?.schema) continue;
      const schemaPointer = `${pointer}/content/${esc(mediaType)}/schema`;
      if ('example' in media) cases.push({ where: `${where} ${mediaType} example`, schemaPointer, value: media.example });
      for (const [name, ex] of Object.entries(media.examples ?? {})) {
        const resolved = deref(doc, ex);
        cases.push({ where: `${where} ${mediaType} example "${name}"`, schemaPointer, value: resolved?.value });
      }
    }
  };

  /** A `$ref`ed response/body is validated where it is defined, once. @param {any} node @param {string} pointer */
  const pointerOf = (node, pointer) => (node && typeof node.$ref === 'string' ? node.$ref.slice(1) : pointer);

  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const base = `/paths/${esc(p)}/${method}`;
      const label = `${op.operationId ?? `${method} ${p}`}`;
      if (op.requestBody && !op.requestBody.$ref) fromContent(op.requestBody.content, `${base}/requestBody`, `${label} request`);
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (response.$ref) continue;
        fromContent(response.content, `${base}/responses/${code}`, `${label} ${code}`);
      }
      (op.parameters ?? []).forEach((/** @type {any} */ param, /** @type {number} */ i) => {
        if (param.$ref || !param.schema) return;
        const schemaPointer = pointerOf(param, `${base}/parameters/${i}`) + '/schema';
        if ('example' in param) cases.push({ where: `${label} parameter ${param.name}`, schemaPointer, value: param.example });
        for (const [name, ex] of Object.entries(param.examples ?? {})) {
          cases.push({ where: `${label} parameter ${param.name} example "${name}"`, schemaPointer, value: deref(doc, ex)?.value });
        }
      });
    }
  }
  for (const [name, response] of Object.entries(doc.components?.responses ?? {})) {
    fromContent(response.content, `/components/responses/${esc(name)}`, `components.responses.${name}`);
  }
  for (const [name, body] of Object.entries(doc.components?.requestBodies ?? {})) {
    fromContent(body.content, `/components/requestBodies/${esc(name)}`, `components.requestBodies.${name}`);
  }
  for (const [name, param] of Object.entries(doc.components?.parameters ?? {})) {
    if (!param.schema) continue;
    const schemaPointer = `/components/parameters/${esc(name)}/schema`;
    if ('example' in param) cases.push({ where: `components.parameters.${name}`, schemaPointer, value: param.example });
    for (const [exName, ex] of Object.entries(param.examples ?? {})) {
      cases.push({ where: `components.parameters.${name} example "${exName}"`, schemaPointer, value: deref(doc, ex)?.value });
    }
  }
  return cases;
}

/**
 * A validator with the draft-07 semantics Prism uses, so "valid here" means "valid in the mock".
 * @param {import('./load-spec.mjs').OpenApiDocument} doc
 */
export function createExampleValidator(doc) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(structuredClone(doc), 'openapi.json');
  /** @param {string} schemaPointer @param {unknown} value */
  return (schemaPointer, value) => {
    const validate = ajv.getSchema(`openapi.json#${schemaPointer}`);
    if (!validate) throw new Error(`no schema at ${schemaPointer}`);
    const ok = validate(value);
    return { ok: Boolean(ok), errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`) };
  };
}

/**
 * @param {import('./load-spec.mjs').OpenApiDocument} doc
 * @returns {{ case: ExampleCase; errors: string[] }[]} one row per invalid example
 */
export function findInvalidExamples(doc) {
  const validate = createExampleValidator(doc);
  return collectExamples(doc)
    .map((c) => ({ case: c, result: validate(c.schemaPointer, c.value) }))
    .filter((r) => !r.result.ok)
    .map((r) => ({ case: r.case, errors: r.result.errors }));
}
