/** Names of the event statuses (handbook 10.5.2) and of the response statuses (handbook table 3). */
import type { EventStatusCode, ResponseKind } from '../../src-shared/controls'

export const EVENT_STATUS_NAMES: Readonly<Record<EventStatusCode, string>> = {
  0: 'Scheduled',
  1: 'Active',
  2: 'Cancelled',
  3: 'Cancelled with randomization',
  4: 'Superseded',
}

export const RESPONSE_KINDS: Readonly<Record<1 | 2 | 3 | 6 | 7, ResponseKind>> = {
  1: 'received',
  2: 'started',
  3: 'completed',
  6: 'cancelled',
  7: 'superseded',
}
