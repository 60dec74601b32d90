/** Rewrites the README's endpoint index from the route table (tests/api/route-table.test.ts fails while it is stale). */
import fs from 'node:fs';
import { endpointIndexMarkdown } from '@/lib/api/endpoint-index';
import { routeTable } from '@/lib/api/table';

const start = '<!-- route-table:start -->';
const end = '<!-- route-table:end -->';
const readme = fs.readFileSync('README.md', 'utf8');
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} block`);
fs.writeFileSync('README.md', `${readme.slice(0, from + start.length)}\n${endpointIndexMarkdown(routeTable)}\n${readme.slice(to)}`);
console.log('README.md: endpoint index written');
