import type { ApiBridge, CommandResult, EngineEvent } from '../../src-shared/api'
import { fail } from '../../src-shared/result'

const RECONNECT_MS = 1000

interface Pending {
  resolve: (result: CommandResult<never>) => void
}

/**
 * The browser side of the web host: the same ApiBridge as Electron's preload, over a WebSocket to /api on the page's
 * own origin. The session cookie set by the host authenticates it.
 */
export function createWebSocketBridge(url = wsUrl()): ApiBridge {
  const listeners = new Set<(event: EngineEvent) => void>()
  const pending = new Map<number, Pending>()
  let nextId = 1
  let socket: Promise<WebSocket> = connect()

  function connect(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.onopen = () => resolve(ws)
      ws.onerror = () => reject(new Error('Cannot reach the engine'))
      ws.onmessage = (message) => onMessage(String(message.data))
      ws.onclose = () => {
        for (const [id, p] of pending) {
          p.resolve(fail('API_DISCONNECTED', 'The connection to the engine was lost. Reload the page.') as never)
          pending.delete(id)
        }
        setTimeout(() => (socket = connect()), RECONNECT_MS)
      }
    })
  }

  function onMessage(text: string) {
    const message = JSON.parse(text) as { type: string; id?: number; result?: unknown } & Partial<EngineEvent>
    if (message.type === 'result' && message.id !== undefined) {
      pending.get(message.id)?.resolve(message.result as never)
      pending.delete(message.id)
    } else if (message.type === 'event' && message.event) {
      for (const listener of listeners) listener({ event: message.event, payload: message.payload } as EngineEvent)
    }
  }

  return {
    async invoke(command, input) {
      let ws: WebSocket
      try {
        ws = await socket
      } catch {
        return fail('API_DISCONNECTED', 'Cannot reach the engine. Is `npm run start:web` still running?')
      }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as Pending['resolve'] })
        ws.send(JSON.stringify({ type: 'invoke', id, command, input }))
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function wsUrl(): string {
  const { protocol, host } = window.location
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api`
}
