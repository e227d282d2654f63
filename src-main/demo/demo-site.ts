import type { SiteInput } from '../../src-shared/domain/site'

/** The site demo mode starts with: a gateway-connected PV + battery home on the Energex network. */
export const DEMO_SITE: SiteInput = {
  name: 'Demo site – 12 Example Street',
  installer: { name: 'Demo Installer', licence: 'DEMO-000000' },
  address: '12 Example Street, Newstead QLD 4006',
  nmi: 'QCDWW000102',
  pathway: 'gateway',
  pen: 57269,
  fixedLimits: { exportW: 1500, importW: 1500 },
  der: [
    { type: 4, description: 'Simulated PV inverter', ratedW: 5000, ratedVA: 5000, count: 1 },
    { type: 80, description: 'Simulated battery', ratedW: 5000, ratedVA: 5000, storageWh: 10000, count: 1 },
  ],
}

/**
 * PV availability (0..1 of the inverters' rating) the demo's device simulator runs at – fixed, not by time of day –
 * so demo generation exceeds the load at any hour and there is always something to control (APP-6). The app's demo
 * and `run --demo` both use it (issue 17 item 7).
 */
export const DEMO_PV_AVAILABILITY = 0.7
