/**
 * The browser WebSocket under the official wire client: every incoming frame goes through the
 * frame guard first, every outgoing request is noted, and closes use codes a browser may send.
 */
import type { GatewayProtocolSocket, GatewayProtocolSocketHandlers } from '@openclaw/gateway-client/browser';
import { inspectFrame, noteOutgoing, type createRequestTracker } from './frame-guard';
import { PROTOCOL_RANGE } from './handshake';

type SocketFactory = (handlers: GatewayProtocolSocketHandlers) => GatewayProtocolSocket;

export function guardedSocket(opts: {
  url: string;
  createWebSocket?: (url: string) => WebSocket;
  requests: ReturnType<typeof createRequestTracker>;
  problem: (message: string) => void;
  /** Each new socket; frames from any other (replaced) socket are ignored. */
  onSocket: (ws: WebSocket) => void;
  isLive: (ws: WebSocket) => boolean;
}): SocketFactory {
  return (handlers) => {
    const ws = opts.createWebSocket ? opts.createWebSocket(opts.url) : new WebSocket(opts.url);
    opts.onSocket(ws);
    ws.onopen = () => handlers.open();
    ws.onmessage = (e) => {
      // A replaced socket: the wire client ignores its frames, and so do we.
      if (!opts.isLive(ws)) return;
      if (typeof e.data !== 'string') return opts.problem(`binary frame ignored (${binarySize(e.data)})`);
      const verdict = inspectFrame(e.data, opts.requests, { protocolRange: PROTOCOL_RANGE });
      verdict.problems.forEach(opts.problem);
      if (verdict.frame !== null) handlers.message(verdict.frame);
    };
    ws.onclose = (e) => handlers.close(e.code, e.reason);
    ws.onerror = () => handlers.error(new Error(`WebSocket error on ${opts.url}`));
    return {
      isOpen: () => ws.readyState === 1,
      send: (d) => {
        noteOutgoing(opts.requests, d);
        ws.send(d);
      },
      close: (c, r) => closeSocket(ws, c, r),
    };
  };
}

/**
 * The wire client closes with protocol codes such as 1008, but a browser may only send 1000 or
 * 3000-4999 (anything else throws InvalidAccessError, leaving the socket open and the error
 * uncaught), and at most 123 bytes of reason. Map 1xxx to 4xxx so the code still says why (never
 * to 4001, which is the gateway's "device removed").
 */
export function closeSocket(ws: Pick<WebSocket, 'close'>, code?: number, reason?: string) {
  const mapped = code !== undefined && code > 1000 && code < 2000 ? code + 3000 : 1000;
  const c =
    code === undefined || code === 1000 || (code >= 3000 && code <= 4999) ? code : mapped === 4001 ? 4000 : mapped;
  let r = reason;
  if (r !== undefined) {
    const bytes = new TextEncoder().encode(r);
    if (bytes.length > 123) r = new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD+$/, '');
  }
  try {
    ws.close(c, r);
  } catch {
    ws.close();
  }
}

function binarySize(data: unknown): string {
  const n =
    data instanceof ArrayBuffer
      ? data.byteLength
      : typeof Blob !== 'undefined' && data instanceof Blob
        ? data.size
        : ArrayBuffer.isView(data)
          ? data.byteLength
          : 0;
  return `${n} bytes`;
}
