import { connectSettling } from '../../platform/settling-connection';
import { readRunInfo } from '../support/run-info';
import { hostAndPort, startTcpProxy } from '../support/tcp-proxy';

/**
 * An API process that stops while a Temporal call is between retries: with the SDK's own connection the
 * retry fires after close() and throws "Channel has been shut down" from its timer (it failed a browser
 * suite in CI once). The settling connection closes only after its scheduled retries have started.
 */
describe('closing a Temporal client connection with a retry pending', () => {
  it('waits for the retry, which then reaches the server, and throws nothing afterwards', async () => {
    const proxy = await startTcpProxy(hostAndPort(readRunInfo().temporalAddress));
    const connection = await connectSettling(proxy.address);
    try {
      await proxy.cut();
      const failedAt = Date.now();
      const call = connection.workflowService.getSystemInfo({});
      // The first attempt fails at once; its retry is scheduled about 100 ms on. Temporal comes back before it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await proxy.restore();
      await connection.close();
      expect(Date.now() - failedAt).toBeGreaterThanOrEqual(50);
      // The retry started before the channel closed, so the call ends with the server's answer or a
      // cancellation, never with an exception escaping a timer (Jest would fail the test for that).
      const outcome = await call.then(
        (info) => ({ serverVersion: typeof info.serverVersion }),
        (error: Error) => ({ error: error.message }),
      );
      expect(JSON.stringify(outcome)).not.toMatch(/Channel has been shut down/);
      await new Promise((resolve) => setTimeout(resolve, 6_500));
    } finally {
      await proxy.close();
    }
  }, 30_000);
});
