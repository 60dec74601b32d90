import type { EndpointSpec, TableRow } from './endpoint';

function access(endpoint: EndpointSpec): string {
  switch (endpoint.auth) {
    case 'project':
      return endpoint.scope ? `key or session, \`${endpoint.scope}\`` : 'key or session';
    case 'team':
      return endpoint.roles ? `session, ${endpoint.roles.join('/')}` : 'session, member';
    case 'user':
      return 'session';
    case 'portal':
      return 'portal token';
    case 'stripeSignature':
      return 'Stripe signature';
    case 'public':
      return 'public';
  }
}

/** The README's index of every endpoint (between its `route-table` markers), written from the route table. */
export function endpointIndexMarkdown(table: TableRow[]): string {
  const rows = table.map(({ endpoint }) => {
    const path = endpoint.path.replace(/^\/api\/billstack/, '');
    return `| \`${endpoint.method} ${path}\` | ${access(endpoint)} | ${endpoint.summary.replaceAll('|', '\\|')} |`;
  });
  return [
    `<details><summary>All ${table.length} endpoints, from the route table (<code>npm run docs:endpoints</code> rewrites this list)</summary>`,
    '',
    '| endpoint (under `/api/billstack`) | who | what |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}
