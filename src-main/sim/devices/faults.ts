/** Faults the device simulator can inject per unit, on demand (tests, demo "what if the inverter stops answering"). */
export type DeviceFault =
  | { kind: 'none' }
  /** Receive the request and never answer. */
  | { kind: 'timeout' }
  /** Answer every request with this Modbus exception code (2 illegal address, 4 device failure, 6 busy, ...). */
  | { kind: 'exception'; code: number }
  /** Keep serving the registers as they were when the fault began (a frozen meter). */
  | { kind: 'stuck' }
  /** RTU only: answer with a corrupted CRC, as line noise or a baud mismatch would. */
  | { kind: 'corrupt' }
  /** The device is gone: TCP connections are dropped, RTU frames go unanswered. */
  | { kind: 'unplugged' }
