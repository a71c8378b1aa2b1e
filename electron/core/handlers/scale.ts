/**
 * Bridge handlers of the serial scale (both hosts): list ports, connect, poll readings, tare and
 * zero. The serial host is a port (node-serial.ts on Node, a fake in tests); it is created only
 * when a scale is first used, so a bench without a scale never loads the native binding.
 */
import { err, ok } from '#shared/utils/result';
import { createSystemClock, type Clock } from '../ports/clock';
import type { SerialPortHost } from '../ports/serial-port';
import { createSerialScaleService, type SerialScaleService } from '../services/scale/serial-scale';
import type { Handlers, Logger } from './types';

export type ScaleMethod =
  'scale.listPorts' | 'scale.connect' | 'scale.disconnect' | 'scale.read' | 'scale.command';

export interface ScaleDeps {
  log: Logger;
  /** The serial host; loaded on first use (the `serialport` package) when not given. */
  serial?: SerialPortHost | (() => Promise<SerialPortHost>);
  clock?: Clock;
}

export function createScaleHandlers(deps: ScaleDeps): Pick<Handlers, ScaleMethod> {
  let service: SerialScaleService | null = null;
  async function scale(): Promise<SerialScaleService> {
    if (service) return service;
    const given = deps.serial;
    const host =
      given === undefined
        ? (await import('../ports/node-serial')).createNodeSerialHost()
        : typeof given === 'function'
          ? await given()
          : given;
    service ??= createSerialScaleService({
      host,
      clock: deps.clock ?? createSystemClock(),
      log: (message, context) => deps.log.warn(message, context),
    });
    return service;
  }
  return {
    'scale.listPorts': async () => ok(await (await scale()).list()),
    'scale.connect': async (args) => {
      const r = await (await scale()).connect(args);
      if (!r.ok) {
        deps.log.warn('scale connect failed', { path: args.path, code: r.error.code });
        return err(r.error);
      }
      deps.log.info('scale connected', { path: args.path, protocol: args.protocol });
      return ok(r.value);
    },
    'scale.disconnect': async () => ok(await (await scale()).disconnect()),
    'scale.read': async ({ afterSeq }) => ok((await scale()).read(afterSeq)),
    'scale.command': async ({ command }) => {
      const r = await (await scale()).command(command);
      return r.ok ? ok(null) : err(r.error);
    },
  };
}
