import { SerialPort } from 'serialport'

/** Serial ports for the port picker (DEV-1: port list with descriptions). */
export interface SerialPortInfo {
  path: string
  manufacturer: string | undefined
  serialNumber: string | undefined
  vendorId: string | undefined
  productId: string | undefined
  /** One line for the installer, e.g. `/dev/ttyUSB0 – FTDI (0403:6001) SN A10K3X`. */
  description: string
}

export function describePort(p: Omit<SerialPortInfo, 'description'>): string {
  const parts = [p.path]
  if (p.manufacturer) parts.push(`– ${p.manufacturer}`)
  if (p.vendorId && p.productId) parts.push(`(${p.vendorId}:${p.productId})`)
  if (p.serialNumber) parts.push(`SN ${p.serialNumber}`)
  return parts.join(' ')
}

/** What the serial binding reports per port (`SerialPort.list()`); a test injects its own list. */
export type PortLister = () => Promise<Awaited<ReturnType<typeof SerialPort.list>>>

export async function listSerialPorts(list: PortLister = () => SerialPort.list()): Promise<SerialPortInfo[]> {
  const ports = await list()
  return ports.map((p) => {
    const info = { path: p.path, manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId: p.vendorId, productId: p.productId }
    return { ...info, description: describePort(info) }
  })
}
