import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describePort, listSerialPorts, type PortLister } from './serial-ports'

/** What @serialport/bindings-cpp reports on Linux for an FTDI adapter, a CH340 without a serial number and a UART. */
const BINDING_PORTS: Awaited<ReturnType<PortLister>> = [
  { path: '/dev/ttyUSB0', manufacturer: 'FTDI', serialNumber: 'A10K3X', pnpId: 'usb-FTDI_FT232R_USB_UART_A10K3X-if00-port0', locationId: undefined, vendorId: '0403', productId: '6001' },
  { path: '/dev/ttyUSB1', manufacturer: '1a86', serialNumber: undefined, pnpId: 'usb-1a86_USB_Serial-if00-port0', locationId: undefined, vendorId: '1a86', productId: '7523' },
  { path: '/dev/ttyS0', manufacturer: undefined, serialNumber: undefined, pnpId: undefined, locationId: undefined, vendorId: undefined, productId: undefined },
]

describe('serial port list (DEV-1)', () => {
  it('describes a USB-RS485 adapter with maker, USB ids and serial number', () => {
    expect(describePort({ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: 'A10K3X' })).toBe('/dev/ttyUSB0 – FTDI (0403:6001) SN A10K3X')
    expect(describePort({ path: 'COM3', manufacturer: undefined, vendorId: undefined, productId: undefined, serialNumber: undefined })).toBe('COM3')
  })

  it('turns every port the binding reports into one entry, in its order, with its fields and a description', async () => {
    expect(await listSerialPorts(async () => BINDING_PORTS)).toEqual([
      { path: '/dev/ttyUSB0', manufacturer: 'FTDI', serialNumber: 'A10K3X', vendorId: '0403', productId: '6001', description: '/dev/ttyUSB0 – FTDI (0403:6001) SN A10K3X' },
      { path: '/dev/ttyUSB1', manufacturer: '1a86', serialNumber: undefined, vendorId: '1a86', productId: '7523', description: '/dev/ttyUSB1 – 1a86 (1a86:7523)' },
      { path: '/dev/ttyS0', manufacturer: undefined, serialNumber: undefined, vendorId: undefined, productId: undefined, description: '/dev/ttyS0' },
    ])
    expect(await listSerialPorts(async () => [])).toEqual([])
  })

  it('an error from the binding reaches the caller (the engine wraps it in SerialPortListError)', async () => {
    await expect(listSerialPorts(async () => Promise.reject(new Error('udevadm not found')))).rejects.toThrow('udevadm not found')
  })

  it("lists this machine's ports through the real binding: each one a device file that exists", async () => {
    const ports = await listSerialPorts()
    for (const p of ports) {
      expect(p.description.startsWith(p.path)).toBe(true)
      if (process.platform !== 'win32') expect(existsSync(p.path), p.path).toBe(true)
    }
  })
})
