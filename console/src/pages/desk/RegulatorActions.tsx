import type { RectificationView } from '../rectification/rectification-view';

/** What a regulator decides on an order: reviews, extension, revocation, reinstatement (rectification desk). */
export function RegulatorActions(_props: { order: RectificationView }) {
  return null;
}
