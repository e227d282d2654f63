/** Names of the event statuses (handbook 10.5.2) and of the response statuses (handbook table 3). */
import type { EventStatusCode, ResponseKind } from '../../src-shared/controls'
import type { StoredResponseStatus } from '../storage/controls-repo'

export const EVENT_STATUS_NAMES: Readonly<Record<EventStatusCode, string>> = {
  0: 'Scheduled',
  1: 'Active',
  2: 'Cancelled',
  3: 'Cancelled with randomization',
  4: 'Superseded',
}

export const RESPONSE_KINDS: Readonly<Record<StoredResponseStatus, ResponseKind | 'rejected'>> = {
  1: 'received',
  2: 'started',
  3: 'completed',
  6: 'cancelled',
  7: 'superseded',
  // IEEE 2030.5-2018 Table 27: 253 "Rejected - invalid event" (REL-4: a control the client refused).
  253: 'rejected',
}
