import { useEffect } from 'react'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { AddDevicesPanel } from './AddDevicesPanel'
import { DeviceCard } from './DeviceCard'
import { DiscoveryProgress } from './DiscoveryProgress'
import { LiveReadings } from './LiveReadings'
import { StepSummary } from './StepSummary'
import './devices.css'
import { NeedsSite } from '../../ui/NeedsSite'

/** Step 3 (DEV-1..DEV-5, APP-1): connect the site meter and inverters, see what they are and what they read. */
export function DevicesStep() {
  const site = useStore(selectCurrentSite)
  const devices = useStore((s) => s.devices)
  const loadDevices = useStore((s) => s.loadDevices)

  const siteId = site?.id
  useEffect(() => {
    if (siteId) void loadDevices()
  }, [siteId, loadDevices])

  if (!site) {
    return (
      <NeedsSite title="Devices" reason="Enter and save the site first: devices and their roles are saved with the site." />
    )
  }

  return (
    <div className="stack">
      <div className="card">
        <h2>Devices</h2>
        <p className="muted">
          Connect the site meter and each inverter over Modbus – a USB-RS485 adapter on the meter&apos;s RS-485 terminals, or the device&apos;s Ethernet
          port. The app reads what each device is, checks the meter&apos;s CT direction and shows live readings.
        </p>
        <StepSummary />
      </div>
      <AddDevicesPanel />
      <DiscoveryProgress />
      {devices.length > 0 && <LiveReadings />}
      {devices.map((d) => (
        <DeviceCard key={d.id} device={d} />
      ))}
    </div>
  )
}
