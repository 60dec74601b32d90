import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files relative to its own module: bundled by Turbopack it crashes at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
