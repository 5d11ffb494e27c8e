/**
 * A loopback TCP proxy in front of the emulator, so a test can make Firestore "go away" mid-run and come back on
 * the same address with its data intact (stopping the emulator itself would lose everything it stored).
 */
import net from 'node:net';
import { freePort } from '../../helpers/firestore-emulator.js';

export interface TcpProxy {
  /** `127.0.0.1:<port>` to use as FIRESTORE_EMULATOR_HOST. */
  host: string;
  /** Refuses new connections and cuts the open ones. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `responseDelayMs` holds every chunk coming back from the emulator that long (in order): one commit at a time then
 * takes at least that long, which gives a run a minimum length whatever the machine's speed.
 */
export async function startTcpProxy(target: string, options: { responseDelayMs?: number } = {}): Promise<TcpProxy> {
  const [targetHost, targetPort] = target.split(':');
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(Number(targetPort), targetHost ?? '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        const delay = options.responseDelayMs ?? 0;
        if (delay === 0) upstream.pipe(client);
        else
          upstream.on('data', (chunk: Buffer) => {
            upstream.pause();
            setTimeout(() => {
              if (!client.destroyed) client.write(chunk);
              upstream.resume();
            }, delay);
          }).on('end', () => client.end());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });
  const down = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { host: `127.0.0.1:${port}`, down, up: listen, close: down };
}
