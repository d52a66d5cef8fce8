/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/index.ts) serves /api/* and Socket.io itself; Next renders the pages.
  typescript: { tsconfigPath: "tsconfig.json" },
};
export default nextConfig;
