export default async function globalTeardown() {
  const stops: (() => Promise<unknown>)[] = (globalThis as any).__carepactStops ?? [];
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('teardown step failed', error);
    }
  }
}
