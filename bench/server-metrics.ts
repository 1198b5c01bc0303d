/** Counters from the Temporal server's Prometheus endpoint, to compare what two phases asked of it. */
export async function serverCounters(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(url)).text();
  const counters = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^(\w+)(\{[^}]*\})?\s+([\d.eE+-]+)$/.exec(line);
    if (!m || !/(_requests|_total|_count|_sum)$/.test(m[1]!) || /_bucket$/.test(m[1]!)) continue;
    const labels = (m[2] ?? '').replace(
      /,?(namespace|namespace_state|service_name|task_queue|taskqueue|partition|worker_build_id|otel_scope_name|otel_scope_version|build_id|build_version|build_platform|go_version|cluster|instance|persistence_store)="[^"]*"/g,
      '',
    );
    const key = m[1] + labels;
    counters.set(key, (counters.get(key) ?? 0) + Number(m[3]));
  }
  return counters;
}

export function counterDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) > 0) delta.set(k, v - (before.get(k) ?? 0));
  return delta;
}
