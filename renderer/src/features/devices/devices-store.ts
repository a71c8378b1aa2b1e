/**
 * Transient state of the devices at the label step: the weight check of the order on screen
 * (weighing, blocked with why, passed) and the camera's status and last photo.
 */
import { create } from 'zustand';
import type { EvidenceSettings } from './settings';
import type { WeightGate } from './weight-check';

export type WeightStep =
  | { kind: 'idle' }
  | { kind: 'weighing' }
  | Extract<WeightGate, { kind: 'blocked' }>
  | Extract<WeightGate, { kind: 'pass' }>;

interface DevicesState {
  orderId: string | null;
  weight: WeightStep;
  camera: {
    settings: EvidenceSettings | null;
    status: 'off' | 'starting' | 'on' | 'error';
    error: string | null;
    /** The last photo of this page: order and result. */
    last: { orderId: string; ok: boolean; message: string | null; at: number } | null;
  };
  actions: {
    weight: (orderId: string, step: WeightStep) => void;
    camera: (patch: Partial<DevicesState['camera']>) => void;
  };
}

export const devicesStore = create<DevicesState>()((set, get) => ({
  orderId: null,
  weight: { kind: 'idle' },
  camera: { settings: null, status: 'off', error: null, last: null },
  actions: {
    weight: (orderId, step) => set({ orderId, weight: step }),
    camera: (patch) => set({ camera: { ...get().camera, ...patch } }),
  },
}));
