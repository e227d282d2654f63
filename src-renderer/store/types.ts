import type { StateCreator } from 'zustand'
import type { VerificationSlice } from './verification-slice'
import type { ReportSlice } from './report-slice'
import type { AppSlice } from './app-slice'
import type { SitesSlice } from './sites-slice'
import type { WizardSlice } from './wizard-slice'
import type { CertificatesSlice } from './certificates-slice'
import type { DevicesSlice } from './devices-slice'
import type { ServerSlice } from './server-slice'
import type { LimitsSlice } from './limits-slice'
import type { TelemetrySlice } from './telemetry-slice'

export type Store = AppSlice & SitesSlice & WizardSlice & CertificatesSlice & DevicesSlice & ServerSlice & LimitsSlice & VerificationSlice & ReportSlice & TelemetrySlice
export type Slice<T> = StateCreator<Store, [], [], T>
