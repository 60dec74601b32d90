import path from 'node:path';
import { spawnGroup } from './processes';

export interface BareServer {
  origin: string;
  stop(): Promise<void>;
}

/** Starts bench/bare-server.ts in its own process group and waits for the port it reports. */
export async function startBareServer(env: { databaseUrl: string; webhookSecret?: string }): Promise<BareServer> {
  const server = spawnGroup(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server.ts')], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      BENCH_WEBHOOK_SECRET: env.webhookSecret ?? '',
    },
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.child.once('message', (message: { port: number }) => resolve(message.port));
      server.child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}:\n${server.output()}`)));
    });
    return { origin: `http://127.0.0.1:${port}`, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
