/**
 * The station's label printer profile, kept in the `settings` table: one output (system printer,
 * ZPL network printer or a PDF print page), the label stock size and the printer's resolution.
 * One profile per station: format, dpi and stock size travel together (bench-realities.md §4).
 */
import { z } from 'zod';
import { LABEL_SIZES, type LabelSize } from '#shared/logic/label-layout/print-route';
import { PrinterHost } from '#shared/logic/printing/bridge-schemas';
import type { HostKind } from '#shared/bridge/contract';

export const PRINTER_SETTINGS_KEY = 'printing.profile';

export const OUTPUTS = ['pdf', 'system', 'zpl'] as const;
export type Output = (typeof OUTPUTS)[number];

export const PrinterSettings = z.object({
  output: z.enum(OUTPUTS),
  size: z.enum(LABEL_SIZES).default('4x6'),
  dpi: z.union([z.literal(203), z.literal(300)]).default(203),
  /** The system name from printer.list (Electron); never empty when output is 'system'. */
  deviceName: z.string().max(256).default(''),
  zplHost: z.string().max(253).default(''),
  zplPort: z.int().min(1).max(65535).default(9100),
  /** A TrueType font stored on the printer (E:NAME.TTF) for non-Latin text; '' for none. */
  zplFont: z.string().max(40).default(''),
  /** Browser mode: open the print dialog when the label page is ready. */
  openPrintDialog: z.boolean().default(true),
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

/** Browser mode prints PDF pages; the desktop app prints silently once a printer is chosen. */
export function defaultSettings(host: HostKind): PrinterSettings {
  return {
    output: host === 'electron' ? 'system' : 'pdf',
    size: '4x6',
    dpi: 203,
    deviceName: '',
    zplHost: '',
    zplPort: 9100,
    zplFont: '',
    openPrintDialog: true,
  };
}

/** The stored profile, or the host's default when none (or a broken one) is stored. */
export function readSettings(stored: unknown, host: HostKind): PrinterSettings {
  const parsed = PrinterSettings.safeParse(stored);
  return parsed.success ? parsed.data : defaultSettings(host);
}

export type SettingsProblem =
  'no-device' | 'bad-zpl-host' | 'system-needs-desktop' | 'pdf-needs-browser';

/** Why this profile cannot print on this host, or null when it can. */
export function settingsProblem(s: PrinterSettings, host: HostKind): SettingsProblem | null {
  if (s.output === 'system') {
    if (host !== 'electron') return 'system-needs-desktop';
    if (s.deviceName.trim() === '') return 'no-device';
  }
  if (s.output === 'zpl' && !PrinterHost.safeParse(s.zplHost.trim()).success) {
    return 'bad-zpl-host';
  }
  // The desktop app never opens windows (window-open guard): its PDF path is a system printer.
  if (s.output === 'pdf' && host === 'electron') return 'pdf-needs-browser';
  return null;
}

export const PAPER_OF_SIZE: Record<LabelSize, 'waybill4x6' | 'waybill100x150' | 'a6'> = {
  '4x6': 'waybill4x6',
  '100x150': 'waybill100x150',
  a6: 'a6',
};
