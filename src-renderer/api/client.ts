import type { ApiBridge } from '../../src-shared/api'
import { createWebSocketBridge } from './ws-bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    api?: ApiBridge
  }
}

/** The one API the renderer uses: Electron's preload bridge when present, the web host's WebSocket otherwise. */
export const api: ApiBridge = window.api ?? createWebSocketBridge()
