import type { StateCreator } from 'zustand'
import type { AppSlice } from './app-slice'
import type { SitesSlice } from './sites-slice'
import type { WizardSlice } from './wizard-slice'
import type { CertificatesSlice } from './certificates-slice'
import type { DevicesSlice } from './devices-slice'

export type Store = AppSlice & SitesSlice & WizardSlice & CertificatesSlice & DevicesSlice
export type Slice<T> = StateCreator<Store, [], [], T>
