/**
 * The preload bridge (SEC-1): exposes exactly the API contract as `window.api` – invoke a command, subscribe to
 * events – and nothing else. Runs sandboxed with contextIsolation.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiBridge, EngineEvent } from '../../src-shared/api'
import { IPC_EVENT, IPC_INVOKE } from './ipc-channels'

const bridge: ApiBridge = {
  invoke: (command, input) => ipcRenderer.invoke(IPC_INVOKE, command, input),
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, payload: EngineEvent) => listener(payload)
    ipcRenderer.on(IPC_EVENT, handler)
    return () => ipcRenderer.removeListener(IPC_EVENT, handler)
  },
}

contextBridge.exposeInMainWorld('api', bridge)
