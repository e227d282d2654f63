import type { FaultCase } from '../lib/case'
import { transportCases } from './server-transport'
import { websocketCases } from './websocket'
import { modbusCases } from './modbus'
import { mutationCase } from './mutations'
import { valueCases } from './server-values'

/** Every case, in the order they run. */
export const serverCases: FaultCase[] = [mutationCase, ...valueCases, ...transportCases, ...websocketCases, ...modbusCases]
