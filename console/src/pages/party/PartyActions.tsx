import type { RectificationView } from '../rectification/rectification-view';

/** What a contracting party does on an order: plans, evidence, representations (party screens). */
export function PartyActions(_props: { order: RectificationView }) {
  return null;
}
