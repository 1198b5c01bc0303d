import { defineUpdate } from '@temporalio/workflow';
import type { EvidenceFileRef } from './rectification-messages';

/** Representations against a notice of intended revocation: a text of any length (by reference) and files. */
export interface FileRepresentationsArgs {
  representationId: string;
  userId: string;
  institutionId: string;
  /** Stored content-addressed like evidence texts: workflow payloads have a size limit, texts none. */
  text?: { sha256: string; length: number };
  files: EvidenceFileRef[];
}

/** A party's declaration that it makes no representations. */
export interface WaiveRepresentationsArgs {
  representationId: string;
  userId: string;
  institutionId: string;
}

export interface RepresentationReceipt {
  representationId: string;
  rectificationId: string;
  kind: 'filed' | 'waived';
  institutionId: string;
  receivedAt: string;
  text?: { sha256: string; length: number };
  files: EvidenceFileRef[];
}

export const fileRepresentationsUpdate = defineUpdate<RepresentationReceipt, [FileRepresentationsArgs]>(
  'fileRepresentations',
);
export const waiveRepresentationsUpdate = defineUpdate<RepresentationReceipt, [WaiveRepresentationsArgs]>(
  'waiveRepresentations',
);
