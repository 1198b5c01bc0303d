/** On a rectification order's page, what a regulator decides (filled in by the rectification desk). */
export function RegulatorActions(_props: { orderId: string }) {
  return null;
}
