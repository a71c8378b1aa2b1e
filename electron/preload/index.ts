// Sandboxed preload, bundled into one CommonJS file (out/preload/index.cjs). It only exposes
// window.packbench; see ./expose.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './expose';

exposeBridge(contextBridge, ipcRenderer);
