import { exportFileName, exportRawDatabase } from '../../data/export';
import { bridge, hostKind } from '../../platform/bridge';

export type ExportOutcome =
  | { kind: 'saved'; path: string }
  | { kind: 'downloaded'; name: string }
  | { kind: 'failed'; message: string };

/**
 * Exports a station database as JSON: through the host to the data folder in the desktop app,
 * as a browser download in browser mode. Works on a too-new or damaged database.
 */
export async function exportStationData(dbName: string): Promise<ExportOutcome> {
  try {
    const data = await exportRawDatabase(dbName);
    const name = exportFileName(dbName);
    const text = JSON.stringify(data);
    if (hostKind() === 'electron') {
      const res = await bridge().files.exportBackup({ fileName: name, content: text });
      return res.ok
        ? { kind: 'saved', path: res.value.path }
        : { kind: 'failed', message: res.error.message };
    }
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { kind: 'downloaded', name };
  } catch (cause) {
    return { kind: 'failed', message: String(cause) };
  }
}
