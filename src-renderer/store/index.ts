import { create } from 'zustand'
import { api } from '../api/client'
import { createAppSlice } from './app-slice'
import { createCertificatesSlice } from './certificates-slice'
import { createDevicesSlice } from './devices-slice'
import { createServerSlice } from './server-slice'
import { createLimitsSlice } from './limits-slice'
import { createSitesSlice } from './sites-slice'
import type { Store } from './types'
import { createVerificationSlice } from './verification-slice'
import { createReportSlice } from './report-slice'
import { createTelemetrySlice } from './telemetry-slice'
import { createWizardSlice } from './wizard-slice'

/** One store made of slices (DESIGN.md layer 6). Components read through selectors and call actions. */
export const useStore = create<Store>()((...a) => ({
  ...createAppSlice(...a),
  ...createSitesSlice(...a),
  ...createWizardSlice(...a),
  ...createCertificatesSlice(...a),
  ...createDevicesSlice(...a),
  ...createServerSlice(...a),
  ...createLimitsSlice(...a),
  ...createVerificationSlice(...a),
  ...createReportSlice(...a),
  ...createTelemetrySlice(...a),
}))

/** Push events update the store in this one place. */
api.subscribe((message) => {
  const state = useStore.getState()
  switch (message.event) {
    case 'wizard.changed':
      state.receiveWizard(message.payload)
      // issue 20: the background wait for registration ended; show what the walk found then.
      if (state.serverResult?.awaitingRegistration && message.payload.siteId === state.currentSiteId && message.payload.steps.some((s) => s.step === 'server' && s.status !== 'in-progress')) void state.loadServer()
      break
    case 'sites.changed':
      void state.loadSites()
      break
    case 'devices.progress':
      state.receiveDeviceProgress(message.payload)
      break
    case 'devices.sample':
      state.receiveLiveSample(message.payload)
      break
    case 'devices.samplingStatus':
      state.receiveSamplingStatus(message.payload)
      break
    case 'devices.changed':
      state.receiveDevicesChanged(message.payload.siteId)
      break
    case 'server.step':
      state.receiveServerStep(message.payload)
      break
    case 'server.link':
      state.receiveServerLink(message.payload)
      break
    case 'limits.changed':
      state.receiveLimitsChanged(message.payload)
      break
    case 'verification.state':
      state.receiveRunState(message.payload)
      break
    case 'verification.points':
      state.receiveRunPoints(message.payload)
      break
    case 'telemetry.points':
      state.receiveTelemetryPoints(message.payload)
      break
    case 'telemetry.changed':
      state.receiveTelemetryChanged(message.payload)
      break
    default:
      message satisfies never
  }
})
