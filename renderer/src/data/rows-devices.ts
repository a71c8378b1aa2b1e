/**
 * Rows of the bench's other devices (schema v6): parcel weighings (the weight check and the
 * learner's samples) and camera evidence (photos of the open box and the sealed parcel).
 */

export type WeighingVerdict = 'ok' | 'too-light' | 'too-heavy' | 'unchecked' | 'overridden';

export interface WeighingRow {
  id: string;
  orderId: string;
  /** The SKU combination (`comboKey` of shared/logic/weight/tolerance). */
  comboKey: string;
  at: number;
  grams: number;
  source: 'serial' | 'hid' | 'manual';
  expectedGrams: number | null;
  centreGrams: number | null;
  toleranceGrams: number | null;
  samples: number;
  learned: boolean;
  verdict: WeighingVerdict;
  /** A correct parcel's weight: the learner uses it (checked ok, or unchecked). */
  accepted: boolean;
  packer: string;
  station: string;
  supervisor?: string;
  reason?: string;
}

export type EvidenceKind = 'open-box' | 'sealed';

export interface EvidenceRow {
  id: string;
  orderId: string;
  at: number;
  kind: EvidenceKind;
  /** `image/jpeg` (photos) or `video/webm` (clips). */
  mime: string;
  bytes: number;
  width: number;
  height: number;
  /** The image itself (an ArrayBuffer: structured-cloneable everywhere, unlike Blob in Node). */
  data: ArrayBuffer;
  packer: string;
  station: string;
  /** What triggered it: the last scan, a scan command, or a button. */
  trigger: 'last-scan' | 'command' | 'button';
}
