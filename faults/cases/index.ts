import type { FaultCase } from '../lib/case'
import { derFloodCase } from './der-reports'
import { kill9Case } from './kill9'
import { modbusCases } from './modbus'
import { mutationCase } from './mutations'
import { transportCases } from './server-transport'
import { valueCases } from './server-values'
import { websocketCases } from './websocket'

/** Every case, in the order they run. */
export const serverCases: FaultCase[] = [mutationCase, ...valueCases, ...transportCases, ...websocketCases, ...modbusCases, derFloodCase(120, false), kill9Case]
