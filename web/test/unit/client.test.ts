import { afterEach, describe, expect, it } from 'vitest';
import { apiMiddleware } from '../../src/api/client.ts';
import { type ConsoleConfig, config, parseConfig, setConfig } from '../../src/lib/config.ts';

const local = config();
afterEach(() => setConfig(local));

type OnRequest = (o: { request: Request }) => Promise<Request | undefined>;
const onRequest = apiMiddleware.onRequest as unknown as OnRequest;

describe('the API client on AWS (config.json apiUrl)', () => {
  it('sends a write to the API’s origin with its method, headers and body intact', async () => {
    setConfig(
      parseConfig({
        apiUrl: 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/',
        auth: { kind: 'oidc', authority: 'https://idp.example', clientId: 'c', scope: 'openid' },
      }) as ConsoleConfig,
    );
    const original = new Request('http://console.example/v1/items/2022-T-01/progress?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: JSON.stringify({ percent: 40 }),
    });
    const sent = (await onRequest({ request: original })) as Request;
    expect(sent.url).toBe(
      'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/v1/items/2022-T-01/progress?x=1',
    );
    expect(sent.method).toBe('POST');
    expect(sent.headers.get('content-type')).toBe('application/json');
    expect(sent.headers.get('idempotency-key')).toBe('k-1');
    expect(await sent.json()).toEqual({ percent: 40 });
  });

  it('leaves a request at the console’s own origin when apiUrl is empty (the local gateway)', async () => {
    const original = new Request('http://127.0.0.1:3000/v1/health');
    const sent = (await onRequest({ request: original })) as Request;
    expect(sent.url).toBe('http://127.0.0.1:3000/v1/health');
  });
});
