/**
 * Bridge methods of the serial scale on the host, merged into the one contract's method table
 * (`contract.ts`) by one line. USB HID scales need no bridge: the renderer reads them through
 * WebHID. This file imports no values from `contract.ts` (that would be a cycle).
 */
import { z } from 'zod';
import {
  ScaleConnectArgs,
  type SerialPortInfo,
  type SerialScaleRead,
  type SerialScaleStatus,
} from '../logic/scale/bridge-types';

function returns<T>(): T {
  return undefined as T;
}

export const scaleMethods = {
  /** Serial devices the host can see (the path may also be typed by hand). */
  'scale.listPorts': {
    args: z.strictObject({}),
    ok: returns<SerialPortInfo[]>(),
    errors: [],
  },
  'scale.connect': {
    args: ScaleConnectArgs,
    ok: returns<SerialScaleStatus>(),
    errors: ['port-not-found', 'port-busy', 'open-failed'],
  },
  'scale.disconnect': {
    args: z.strictObject({}),
    ok: returns<SerialScaleStatus>(),
    errors: [],
  },
  /** Readings after `afterSeq` (at most the newest 100), and the connection status. */
  'scale.read': {
    args: z.strictObject({ afterSeq: z.number().int().min(0) }),
    ok: returns<SerialScaleRead>(),
    errors: [],
  },
  'scale.command': {
    args: z.strictObject({ command: z.enum(['tare', 'zero']) }),
    ok: returns<null>(),
    errors: ['not-connected', 'unsupported-command', 'write-failed'],
  },
} as const;
