import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/billstack/openapi.json/route';
import { routeTable } from '@/lib/api/table';
import { call } from '../helpers/http';

describe('GET /api/billstack/openapi.json', () => {
  it('serves, without credentials and cacheable, an OpenAPI 3.1 document that validates', async () => {
    const res = await call(GET, '/api/billstack/openapi.json');

    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has an operation for every endpoint of the route table, with its scope, security and error answers', async () => {
    const { body: document } = await call(GET, '/api/billstack/openapi.json');

    const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.map(({ key }) => key).sort()).toEqual(routeTable.map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`).sort());
    for (const { endpoint, operationId } of routeTable) {
      const op = document.paths[endpoint.path][endpoint.method.toLowerCase()];
      expect(op.operationId).toBe(operationId);
      expect(op['x-billstack-scope']).toBe(endpoint.scope);
      if (endpoint.scope) expect(op.description).toContain(`Requires scope \`${endpoint.scope}\``);
      expect(Object.keys(op.responses)).toContain(String(endpoint.response.status));
      expect(Object.keys(op.responses)).toContain('500');
    }
  });

  it('shows request examples that the endpoints accept', async () => {
    const { body: document } = await call(GET, '/api/billstack/openapi.json');
    const examples = routeTable.filter(({ endpoint }) => endpoint.bodyExample !== undefined);

    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const { endpoint, operationId } of examples) {
      expect({ operationId, valid: endpoint.body!.safeParse(endpoint.bodyExample).success }).toEqual({ operationId, valid: true });
      const op = document.paths[endpoint.path][endpoint.method.toLowerCase()];
      expect(op.requestBody.content['application/json'].example).toEqual(endpoint.bodyExample);
    }
  });

  it('describes the customers endpoints as the API overview does', async () => {
    const { body: document } = await call(GET, '/api/billstack/openapi.json');
    const customers = document.paths['/api/billstack/teams/{teamId}/projects/{projectId}/customers'];

    expect(customers.get.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(customers.get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:teamId', 'path:projectId', 'query:limit', 'query:offset']),
    );
    expect(customers.post.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(customers.post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(Object.keys(customers.post.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '429', '500', '502']);
    expect(customers.post.responses['201'].content['application/json'].schema.properties.customer).toEqual({ $ref: '#/components/schemas/Customer' });
    expect(document.components.schemas.Customer.example.id).toMatch(/^pc_/);
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.responses.E404.content['application/json'].example).toEqual({ error: 'Customer not found', code: 'not_found' });
  });
});
