import { describe, expect, it } from 'vitest';
import { documentedValues, extractGoFromText } from '../src/extract-go.mjs';
import { extractNodeFromText } from '../src/extract-node.mjs';

const source = { sdk: 'test', service: 'svc', version: '0' };

const goMeta = `
func GenReqDefForShowThing() *def.HttpRequestDef {
	reqDefBuilder := def.NewHttpRequestDefBuilder().
		WithMethod(http.MethodPost).
		WithPath("/v3/{project_id}/things/{thing_id}").
		WithResponse(new(model.ShowThingResponse)).
		WithContentType("application/json;charset=UTF-8")

	reqDefBuilder.WithRequestField(def.NewFieldDef().
		WithName("ThingId").
		WithJsonTag("thing_id").
		WithLocationType(def.Path))
	reqDefBuilder.WithRequestField(def.NewFieldDef().
		WithName("Limit").
		WithJsonTag("limit").
		WithLocationType(def.Query))

	reqDefBuilder.WithRequestField(def.NewFieldDef().
		WithName("Body").
		WithLocationType(def.Body))

	requestDef := reqDefBuilder.Build()
	return requestDef
}
`;
const goModels = [
  `type ShowThingRequest struct {

	// Thing ID.
	ThingId string \`json:"thing_id"\`

	// 查询记录数。取值 10 20 50 ，默认为50。
	Limit *int32 \`json:"limit,omitempty"\`

	Body *ThingBody \`json:"body,omitempty"\`
}`,
  `type ThingBody struct {
	// **取值范围**： - az，跨az容灾。 - region，跨region容灾。
	Kind string \`json:"kind"\`

	Tags *[]string \`json:"tags,omitempty"\`

	Mode *ThingBodyMode \`json:"mode,omitempty"\`
}

type ThingBodyMode struct {
	value string
}

type ThingBodyModeEnum struct {
	FAST ThingBodyMode
}

func GetThingBodyModeEnum() ThingBodyModeEnum {
	return ThingBodyModeEnum{
		FAST: ThingBodyMode{
			value: "fast",
		},
		SLOW: ThingBodyMode{
			value: "slow",
		},
	}
}`,
  `type ShowThingResponse struct {
	Size           *float64 \`json:"size,omitempty"\`
	Count          int64    \`json:"count"\`
	Nested         []Item   \`json:"nested"\`
	HttpStatusCode int      \`json:"-"\`
}`,
  `type Item struct {
	Extra map[string]string \`json:"extra"\`
}`,
];

describe('extractGoFromText', () => {
  const facts = extractGoFromText(goMeta, goModels, source);
  const op = facts.operations.ShowThing!;

  it('reads method, path, content type and parameter locations from the meta file', () => {
    expect(op).toMatchObject({ method: 'POST', path: '/v3/{project_id}/things/{thing_id}', contentType: 'application/json;charset=UTF-8' });
    expect(op.params).toEqual([
      expect.objectContaining({ name: 'thing_id', in: 'path', required: true, schema: { type: 'string' } }),
      expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: { type: 'integer', format: 'int32', documented: [10, 20, 50] } }),
    ]);
  });

  it('leaves the body required-ness open (Go never states it) and reads the body model', () => {
    expect(op.body).toEqual({ schema: { model: 'ThingBody' } });
    expect(facts.models.ThingBody!.fields.map(({ doc: _doc, ...f }) => f)).toEqual([
      { name: 'kind', required: true, schema: { type: 'string', documented: ['az', 'region'] } },
      { name: 'tags', required: false, schema: { type: 'array', items: { type: 'string' } } },
      { name: 'mode', required: false, schema: { type: 'string', enum: ['fast', 'slow'] } },
    ]);
  });

  it('models the response without the status-code member, with widths and nested models', () => {
    expect(op.response).toEqual({ schema: { model: 'ShowThingResponse' }, headers: [] });
    expect(facts.models.ShowThingResponse!.fields.map((f) => [f.name, f.required, f.schema])).toEqual([
      ['size', false, { type: 'number', format: 'double' }],
      ['count', true, { type: 'integer', format: 'int64' }],
      ['nested', true, { type: 'array', items: { model: 'Item' } }],
    ]);
    expect(facts.models.Item!.fields[0]!.schema).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });
});

describe('documentedValues', () => {
  it.each([
    ['**取值范围**： - az，跨az容灾。 - region，跨region容灾。', ['az', 'region']],
    ['任务状态： 取值为“Running”为执行中； 取值为“Completed”为完成； 取值为“Failed” 为失败。', ['Running', 'Completed', 'Failed']],
    ['取值pause，表示暂停。 取值resume，表示恢复。', ['pause', 'resume']],
    ['取值为master或slave，表示在容灾关系中角色为主或备。', ['master', 'slave']],
    ['查询记录数。取值 10 20 50 ，默认为50。', [10, 20, 50]],
    ['取值：   -  Standard 标准型   -  Capacity 容量型', ['Standard', 'Capacity']],
  ])('reads %s', (doc, values) => {
    expect(documentedValues(doc)).toEqual(values);
  });

  it.each(['存储引擎。取值为“rocksDB”。', '取值范围：1~100。', '**取值范围**： 不涉及。', ''])('finds no value set in %j', (doc) => {
    expect(documentedValues(doc)).toBeUndefined();
  });
});

const nodeJs = `
        showThing(showThingRequest) {
            const options = {
                method: "PUT",
                url: "/v3/{project_id}/things/{thing_id}",
                contentType: "application/json",
                queryParams: {},
                pathParams: {},
                headers: {},
                data: {}
            };
            let body;
            let thingId;
            let limit;
            if (showThingRequest !== null && showThingRequest !== undefined) {
                if (showThingRequest instanceof ShowThingRequest_1.ShowThingRequest) {
                    thingId = showThingRequest.thingId;
                }
                else {
                    thingId = showThingRequest['thing_id'];
                    limit = showThingRequest['limit'];
                    body = showThingRequest['body'];
                }
            }
            if (thingId === null || thingId === undefined) {
                throw new RequiredError('thingId', 'Required parameter thingId was null or undefined when calling showThing.');
            }
            if (limit !== null && limit !== undefined) {
                localVarQueryParameter['limit'] = limit;
            }
            options.data = body !== undefined ? body : {};
            options.pathParams = { 'thing_id': thingId, };
            return options;
        },
`;
const nodeDts = `
    /**
     * @param {string} thingId Thing.
     * @param {number} [limit] 查询记录数。取值 10 20 50 ，默认为50。
     */
    showThing(showThingRequest?: ShowThingRequest): Promise<ShowThingResponse>;
`;
const nodeModels: Record<string, string> = {
  ShowThingRequest: `export declare class ShowThingRequest {
    private 'thing_id'?;
    limit?: number;
    body?: ThingBody;
    constructor(thingId?: string);
    withThingId(thingId: string): ShowThingRequest;
    set thingId(thingId: string | undefined);
    get thingId(): string | undefined;
    withLimit(limit: number): ShowThingRequest;
    withBody(body: ThingBody): ShowThingRequest;
}`,
  ThingBody: `export declare class ThingBody {
    mode?: ThingBodyModeEnum | string;
    private 'node_num'?;
    tags?: Array<string>;
    constructor(mode?: string);
    withMode(mode: ThingBodyModeEnum | string): ThingBody;
    withNodeNum(nodeNum: number): ThingBody;
    set nodeNum(nodeNum: number | undefined);
    get nodeNum(): number | undefined;
    withTags(tags: Array<string>): ThingBody;
}
export declare enum ThingBodyModeEnum {
    FAST = "fast",
    SLOW = "slow"
}`,
  ShowThingResponse: `export declare class ShowThingResponse extends SdkResponse {
    private 'job_id'?;
    constructor();
    withJobId(jobId: string): ShowThingResponse;
}`,
};

describe('extractNodeFromText', () => {
  const facts = extractNodeFromText(nodeJs, nodeDts, (name) => nodeModels[name] ?? '', ['showThing'], source);
  const op = facts.operations.ShowThing!;

  it('reads the ParamCreater: method, url, locations, RequiredError checks, documented values', () => {
    expect(op).toMatchObject({ method: 'PUT', path: '/v3/{project_id}/things/{thing_id}', contentType: 'application/json' });
    expect(op.params.map((p) => [p.name, p.in, p.required, p.schema])).toEqual([
      ['limit', 'query', false, { type: 'number', documented: [10, 20, 50] }],
      ['thing_id', 'path', true, { type: 'string' }],
    ]);
    expect(op.body).toEqual({ required: false, schema: { model: 'ThingBody' } });
  });

  it('pairs properties with setters for wire names and types; constructor parameters are required', () => {
    expect(facts.models.ThingBody!.fields).toEqual([
      { name: 'mode', required: true, schema: { type: 'string', enum: ['fast', 'slow'] } },
      { name: 'node_num', required: false, schema: { type: 'number' } },
      { name: 'tags', required: false, schema: { type: 'array', items: { type: 'string' } } },
    ]);
    expect(facts.models.ShowThingResponse!.fields).toEqual([{ name: 'job_id', required: false, schema: { type: 'string' } }]);
  });
});
