// A web server that is not Slack and answers every request with a sign-in page: a file event
// naming it must never get the bot token (the test counts its hits).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startLoginPageServer(): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><body><h1>Sign in to your workspace</h1></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/files-pri/T0/F0EXPIRED/receipt.pdf`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
