import type { RectificationView } from '../rectification/rectification-view';

/** The order as everyone reads it: enforcement clock, findings and their state, history (party screens). */
export function RectificationOverview(_props: { order: RectificationView }) {
  return null;
}
