import { describe, expect, it } from 'vitest'
import { describePort, listSerialPorts } from './serial-ports'

describe('serial port list (DEV-1)', () => {
  it('describes a USB-RS485 adapter with maker, USB ids and serial number', () => {
    expect(describePort({ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A10K3X' })).toBe('/dev/ttyUSB0 – FTDI (0403:6001) SN A10K3X')
    expect(describePort({ path: 'COM3', manufacturer: undefined, vendorId: undefined, productId: undefined, serialNumber: undefined })).toBe('COM3')
  })

  it('lists the ports of this machine (possibly none) with a description each', async () => {
    const ports = await listSerialPorts()
    expect(Array.isArray(ports)).toBe(true)
    for (const p of ports) expect(p.description.startsWith(p.path)).toBe(true)
  })
})
